"""What every page says about its own freshness, and the ``<link>``\\ s that let readers find the feeds.

Every page ends with the briefing's information cutoff (``as_of`` in ``briefing.yml``); a record page adds
the date of the last commit that added or changed that record (see :mod:`history`), or says that its edits
are not committed yet. Without git history the line gives the cutoff alone.
"""

from __future__ import annotations

from markupsafe import Markup

from briefing.corpus import Corpus
from briefing.git_history import History
from briefing.i18n import ENGLISH, Translator
from briefing.urls import ATOM_FEED, CHANGES, DATA, JSON_FEED, Urls, record_id_of, to_root

from .text import format_html


def page_info(corpus: Corpus, urls: Urls, src: str, history: History | None = None,
              t: Translator = ENGLISH) -> str:
    """The closing line (HTML) of the page built from ``src``: cutoff, last change, and where the data is."""
    as_of = corpus.briefing.as_of

    def say(message: str, **values: object) -> Markup:
        return Markup(t.gettext(message)) % t.values(values) if values else Markup(t.gettext(message))

    parts = [say("Information cutoff: %(date)s",
                 date=format_html('<time datetime="{}">{}</time>', as_of.text, t.date(as_of)))]
    record_id = record_id_of(src)
    if history is not None and history.available and record_id in corpus.by_id:
        if record_id in history.uncommitted:
            parts.append(say("Last changed: edits not yet committed"))
        elif record_id in history.last_changed:
            commit = history.last_changed[record_id]
            shown = format_html('<time datetime="{}">{}</time> ({})', commit.day, t.date(commit.date),
                                say("commit %(hash)s", hash=format_html("<code>{}</code>", commit.short)))
            if commit in history.commits:
                shown = format_html('<a href="{}">{}</a>', urls.href(src, CHANGES, f"commit-{commit.short}"), shown)
            parts.append(say("Last changed: %(date)s", date=shown))
        elif history.shallow:
            # Not "never changed": the clone the site was built from lacks the commits that would say.
            parts.append(say("Last changed: not known (the site was built from a shallow git clone)"))
    if src != DATA:
        parts.append(format_html('<a href="{}">{}</a>', urls.href(src, DATA), say("Data &amp; feeds")))
    # A plain str: added to a page's HTML, a Markup would escape the page instead.
    return str(format_html('<p class="br-page-info">{}</p>', Markup(" · ").join(parts)))


def head_links(page_url: str, title: str) -> str:
    """Feed autodiscovery ``<link>`` elements for the ``<head>`` of the page at site-relative ``page_url``."""
    prefix = to_root(page_url)
    return "".join(
        str(format_html('<link rel="alternate" type="{}" title="{}" href="{}">', kind, f"{title} ({name})",
                        prefix + path))
        for kind, name, path in (("application/atom+xml", "Atom", ATOM_FEED),
                                 ("application/feed+json", "JSON Feed", JSON_FEED))
    )
