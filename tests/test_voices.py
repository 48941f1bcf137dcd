"""What a reader sees of who spoke and how the words reached the source (tests/contested): organizations as
voices, relay chains, posts by others, wordings of one quote, translations, untitled copies and agency
stories, people who appear only in an event."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import Element, content, facts


def _chain(card: Element) -> list[str]:
    return [" ".join(span.text().split()) for span in card.find("figcaption").find_all("span", cls="br-chain")]


def test_relayed_words_read_the_chain_in_order(contested_site: Path) -> None:
    card = content(contested_site, "quotes/edda-river-is-ours/index.html").find("figure", cls="br-quote")
    assert card.find("span", cls="br-speaker").text() == "Edda East"
    assert _chain(card) == ["→ East News Agency", "→ Global Wire", "→ West Herald",
                            "→ [Lakeland Times, 12 March 2024, para 7]"]
    # The arrows are hidden from assistive technology; visually hidden words say what each stands for.
    caption = card.find("figcaption")
    assert all(a.attrs["aria-hidden"] == "true" and a.text() == "→" for a in caption.find_all("span", cls="br-arrow"))
    words = [w.text() for w in caption.find_all("span", cls="br-arrow-label")]
    assert words == ["to", "relayed by", "relayed by", "reported in"]
    assert all("br-sr-only" in w.classes for w in caption.find_all("span", cls="br-arrow-label"))
    assert not [s for s in caption.find_all("span", cls="br-arrow") if "aria-label" in s.attrs]
    assert card.find("figcaption").links()[:4] == ["../../people/edda-east/", "../../outlets/east-news-agency/",
                                                   "../../outlets/global-wire/", "../../outlets/west-herald/"]
    relayed = content(contested_site, "outlets/west-herald/index.html").find("h2", id="relayed")
    assert relayed.text() == "Words West Herald relayed"


def test_a_post_by_an_office_names_who_posted_it(contested_site: Path) -> None:
    card = content(contested_site, "quotes/edda-posted-hope/index.html").find("figure", cls="br-quote")
    assert "posted by Eastmark Foreign Ministry" in " ".join(card.text().split())
    assert "../../organizations/eastmark-foreign-ministry/" in card.links()


def test_two_wordings_of_one_quote_are_shown_together(contested_site: Path) -> None:
    card = content(contested_site, "quotes/wendel-zero-dams/index.html").find("figure", cls="br-quote")
    variants = card.find("div", cls="br-variants")
    assert " ".join(variants.find("blockquote").text().split()) == "“zero dams mean we do have a deal… Time to decide”"
    assert "[Hill Courier (Global Wire), 21 April 2024, para 2]" in " ".join(variants.text().split())
    # On the speaker's page the second wording sits inside the first one's card, not as another quote.
    speaker = content(contested_site, "people/wendel-west/index.html")
    cards = speaker.find_all("figure", cls="br-quote")
    assert [c.attrs["id"] for c in cards] == ["wendel-deal-by-april", "wendel-zero-dams"]
    row = next(tr for tr in content(contested_site, "quotes/index.html").find("tbody").find_all("tr")
               if "zero dams mean" in tr.text())
    assert "another wording of Zero dams = we DO have a deal" in " ".join(row.text().split())
    note = content(contested_site, "quotes/wendel-zero-dams-wire/index.html").find("p", cls="br-variant-note")
    assert "../wendel-zero-dams/" in note.links()


def test_a_translated_quote_says_so_and_marks_each_language(contested_site: Path) -> None:
    quote = content(contested_site, "quotes/emil-no-concession/index.html")
    assert facts(quote)["Language"] == "English, translated from French by the outlet"
    card = quote.find("figure", cls="br-quote")
    assert "translated from French by the outlet" in card.find("figcaption").text()
    words = card.find("blockquote").find_all("p")
    assert "lang" not in words[0].attrs  # English, as the page
    original = card.find("span", cls="br-original")
    assert (original.attrs["lang"], original.attrs["dir"]) == ("fr", "ltr")
    assert original.text() == "Nous ne ferons aucune concession sur le chenal."


def test_an_organization_has_its_page_with_what_it_said_and_did(contested_site: Path) -> None:
    ministry = content(contested_site, "organizations/lakeland-foreign-ministry/index.html")
    assert ministry.find("p", cls="br-kind").text() == "Organization"
    assert facts(ministry) == {"Kind": "ministry", "Part of": "Lakeland"}
    statements = ministry.find_all("figure", cls="br-quote")
    assert [s.attrs["id"] for s in statements] == ["lakeland-fm-constructive"]
    assert "Lakeport's mayor welcomes the delegations" in ministry.text()
    ngo = content(contested_site, "organizations/river-watch/index.html")
    assert facts(ngo)["Country"] == "CH"
    assert "(Figure by)" in ngo.find("ul", cls="br-backlinks").text()
    index = content(contested_site, "organizations/index.html")
    assert len(index.find("tbody").find_all("tr")) == 3


def test_a_person_who_appears_only_in_an_event_is_linked_both_ways(contested_site: Path) -> None:
    event = facts(content(contested_site, "events/lakeport-welcome/index.html"))
    assert event["People"] == "Mara Port" and event["Organizations"] == "Lakeland Foreign Ministry"
    person = content(contested_site, "people/mara-port/index.html").find("ul", cls="br-backlinks")
    assert " ".join(person.text().split()) == "Event Lakeport's mayor welcomes the delegations (Involved)"


def test_an_untitled_copy_is_never_given_a_headline(contested_site: Path) -> None:
    source = content(contested_site, "sources/east-news-2024-04-20/index.html")
    assert source.find("h1").text() == "Untitled copy, 20 April 2024"
    assert "shows no headline" in source.find("p", cls="br-note").text()
    html = (contested_site / "sources/east-news-2024-04-20/index.html").read_text(encoding="utf-8")
    assert '"headline"' not in html


def test_an_agency_story_names_the_agency_beside_the_outlet(contested_site: Path) -> None:
    source = facts(content(contested_site, "sources/hill-courier-2024-04-21/index.html"))
    assert source["Outlet"] == "Hill Courier"
    assert source["Agency story"] == "Global Wire, read in Hill Courier"
    agency = content(contested_site, "outlets/global-wire/index.html").find("h2", id="agency-stories")
    assert agency.text() == "Its stories read in other outlets"


def test_a_source_without_a_date_says_so(contested_site: Path) -> None:
    source = facts(content(contested_site, "sources/lakeland-fm-2024-04-16/index.html"))
    assert source["Published"] == "date not known"
    assert source["Date line as printed"] == "issued on Tuesday"
