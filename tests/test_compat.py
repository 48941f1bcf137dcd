"""The briefing inside the Material site a user already runs: a blog, other plugins' content, languages."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, broken_links, build_site, copy_project, page, pages_unlike_uncached_navigation


def _with(project: Path, plugins: str, nav: str = "") -> None:
    """Add ``plugins`` (YAML list items) after the search plugin, and ``nav`` items at the end of the nav."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("plugins:\n  - search\n", "plugins:\n  - search\n" + plugins, 1)
    if nav:
        text = text.replace("nav:\n", "nav:\n" + nav, 1)
    config.write_text(text, encoding="utf-8")


def test_links_in_blog_posts_work_from_where_the_posts_are_served(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    _with(project, "  - blog\n", "  - Blog:\n      - blog/index.md\n")
    posts = project / "content" / "blog" / "posts"
    posts.mkdir(parents=True)
    (project / "content" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    for day, slug in (("2026-02-18", "geneva"), ("2026-02-19", "after-geneva")):
        (posts / f"{slug}.md").write_text(
            f"---\ndate: {day}\n---\n\n# After {slug}\n\nWhat [[round-2]] and [[abbas-araghchi|the minister]] "
            "said, and where it stands:\n\n<!-- more -->\n\n<!-- briefing:quote id=albusaidi-good-progress -->\n\n"
            "<!-- briefing:status -->\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    post = page(site, "blog/2026/02/18/after-geneva/index.html")  # the post's own address, not its file's
    assert "../../../../../rounds/round-2/" in post.links()
    assert broken_links(site) == []
    # The blog's archive and category pages list posts the navigation does not: drawn once, it is the same.
    assert pages_unlike_uncached_navigation(project, site) == []


def test_an_unknown_id_arriving_through_another_plugin_fails_a_strict_build(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    _with(project, "  - include-markdown\n")
    (project / "snippets").mkdir()
    (project / "snippets" / "part.md").write_text("See [[round-2]] and [[round-9]].\n", encoding="utf-8")
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n{% include-markdown "../snippets/part.md" %}\n',
                     encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "about.md: [[round-9]] is not the id of a record in the briefing" in result.stdout + result.stderr


def test_a_page_another_plugin_puts_at_a_generated_path_is_a_collision(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    (project / "gen.py").write_text(
        "import mkdocs_gen_files\n\nwith mkdocs_gen_files.open('rounds/round-2.md', 'w') as f:\n"
        "    f.write('# Not the round\\n')\n", encoding="utf-8")
    for order in ("  - gen-files:\n      scripts: [gen.py]\n",):
        _with(project, order)
        result = build_site(project, tmp_path / "site")
        assert result.returncode != 0
        assert "error[BR303]: another plugin put a page in the place of a generated page: rounds/round-2.md" in (
            result.stdout + result.stderr)


def test_the_i18n_plugin_is_refused_with_the_working_alternative(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    _with(project, "  - i18n:\n      languages:\n        - locale: en\n          default: true\n"
                   "          name: English\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "cannot build pages that exist only in memory" in result.stdout + result.stderr
    assert "INHERIT: mkdocs.yml" in result.stdout + result.stderr
