"""Write a synthetic but valid briefing of N records: ``python benchmarks/generate.py N OUT``.

The mix follows what a long-running briefing accumulates: about 55% quotes, 25% positions, 5% people,
5% sources, 3% issues, 2% rounds, 1% parties, 1% outlets and 1.5% each events and glossary terms. Texts have
realistic lengths (quotes of one to three sentences, summaries of a paragraph), a tenth of the quotes carry
their Persian original, some positions supersede earlier ones (same party and issue, never a loop), rounds
are numbered in date order with the held ones in the past and the last ones planned or unscheduled, and
every party, person, outlet, source, issue and glossary term is referred to, so ``briefing check --strict``
passes. OUT receives ``data/``, ``content/`` (a home page with the status box, an about page with
references and an embedded quote), a copy of the shipped ``mkdocs.yml`` (its navigation cut down to the
section pages that exist) and of its template overrides. The output depends only on N and the seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = ROOT / "mkdocs.yml"

# Share of N per collection; quotes take what is left (about 55%).
SHARES: dict[str, float] = {
    "rounds": 0.02, "people": 0.05, "parties": 0.01, "outlets": 0.01, "sources": 0.05, "issues": 0.03,
    "positions": 0.25, "events": 0.015, "glossary": 0.015,
}
MINIMUM: dict[str, int] = {
    "rounds": 2, "people": 3, "parties": 3, "outlets": 1, "sources": 2, "issues": 2, "positions": 2, "events": 1,
    "glossary": 1,
}
# The last held round ends well before any plausible "today", so no held round is ever in the future.
LAST_HELD = date(2025, 6, 30)
EARLIEST_START = date(2001, 1, 1)

CITIES = ("Geneva", "Vienna", "Muscat", "Doha", "Oslo", "Rome", "Lausanne", "Istanbul", "Cairo", "Helsinki",
          "Valletta", "Reykjavik", "Nicosia", "Tunis", "Baku", "Astana", "Montreux", "Salalah", "Ljubljana",
          "Bratislava")
SYLLABLES = ("Val", "Kest", "Mor", "Tal", "Ber", "Cas", "Dor", "Elm", "Fen", "Gal", "Hal", "Ist", "Jor", "Lun",
             "Nor", "Ost", "Pra", "Quel", "Ros", "Sar", "Tor", "Ulm", "Ver", "Wes", "Zan")
ENDINGS = ("doria", "ania", "avia", "ora", "eth", "istan", "mark", "land", "aria", "enia")
FIRST_NAMES = ("Amir", "Leila", "Daniel", "Sara", "Hamid", "Maryam", "Thomas", "Anna", "Reza", "Nadia", "Peter",
               "Laura", "Omar", "Farah", "James", "Elena", "Karim", "Yasmin", "Lukas", "Ines", "Majid", "Zahra",
               "Henrik", "Clara", "Said", "Layla", "Marco", "Sofia", "Javad", "Shirin", "Paul", "Mina", "Ali",
               "Hanna", "Victor", "Parisa", "Jonas", "Roya", "Adrian", "Nasrin", "Felix", "Dina", "Kaveh", "Eva",
               "Samir", "Ida", "Babak", "Lena", "Tariq", "Mona", "Erik", "Azadeh", "Noah", "Neda", "Rami",
               "Julia", "Arash", "Petra", "Yusuf", "Vera")
LAST_NAMES = ("Ahmadi", "Berger", "Carvalho", "Dehghan", "Eriksen", "Farahani", "Gallo", "Hosseini", "Ivanov",
              "Jafari", "Keller", "Larijani", "Moretti", "Najafi", "Olsen", "Pahlavan", "Quintero", "Rostami",
              "Schneider", "Tehrani", "Ulrich", "Vahidi", "Weber", "Yazdani", "Zand", "Amini", "Brandt",
              "Costa", "Daneshvar", "Engel", "Fischer", "Ghorbani", "Hansen", "Imani", "Jansen", "Karimi",
              "Lindqvist", "Mousavi", "Nielsen", "Omidi", "Petrov", "Rahimi", "Sadeghi", "Torres", "Vogel",
              "Wagner", "Zamani", "Abbasi", "Bauer", "Conti", "Dorri", "Esposito", "Falk", "Golestani",
              "Hartmann", "Kazemi", "Lange", "Mirza", "Navabi", "Sorensen")
OFFICES = ("Foreign Minister", "Deputy Foreign Minister", "Lead negotiator", "Foreign Ministry spokesperson",
           "Special envoy", "National Security Adviser", "Head of the technical team", "Ambassador",
           "Government spokesperson", "Member of the negotiating team", "Energy Minister", "Chief of staff")
GLOSSARY_TERMS = (
    "enrichment", "centrifuge", "safeguards agreement", "additional protocol", "snapback", "breakout time",
    "heavy water", "stockpile", "sanctions relief", "verification", "moratorium", "confidence-building measures",
    "escrow account", "research reactor", "frozen assets", "joint commission", "implementation day",
    "dispute mechanism", "sunset clause", "inspection regime", "declared sites", "fuel swap", "consortium",
    "cascade", "uranium hexafluoride", "reprocessing", "dual-use goods", "waiver", "roadmap", "interim deal",
    "framework agreement", "good offices", "proximity talks", "shuttle diplomacy", "red line", "phased approach",
    "secondary sanctions", "non-paper", "working group", "technical annex",
)
GENERIC_OBJECTS = (
    "the draft text", "the timetable for implementation", "the sequencing of steps", "the lifting of sanctions",
    "the exchange of prisoners", "the level of enrichment", "access for inspectors", "the release of funds",
    "regional security", "the next round", "written guarantees", "the scope of the talks",
    "the agenda of the next meeting", "the verification arrangements", "the return of diplomats",
)
SUBJECTS = ("The delegation", "Our negotiators", "The other side", "The mediators", "Both sides",
            "The technical teams", "Experts from both capitals", "The foreign ministry", "Senior officials",
            "The lead negotiator", "Parliament", "The government")
QUOTE_SUBJECTS = ("We", "Our delegation", "The other side", "Nobody", "Both sides", "Our experts", "They",
                  "The negotiators")
VERBS = ("will not accept", "are ready to discuss", "have proposed", "continue to insist on", "remain open to",
         "have rejected", "want guarantees on", "are studying", "raised concerns about", "made progress on",
         "reached a general understanding on", "need more time to review", "cannot ignore", "will look at")
TAILS = ("", "", "before the next round", "in the coming weeks", "as long as the other side shows goodwill",
         "if the talks are to succeed", "without preconditions", "under the current framework",
         "in line with international law", "at the technical level", "once the experts have met",
         "in {city}", "after consultations in the capitals", "with the help of {party}")
STANCE_FORMS = ("ready to discuss {obj}", "rejects {obj}", "demands {obj}", "offers {obj}",
                "conditional support for {obj}", "no talks on {obj} for now", "{obj} first", "limits on {obj}")
HEADLINE_FORMS = ("{a} and {b} {verb} {obj}", "Talks in {city}: {obj} {state}", "{a} says {obj} {state}",
                  "Mediator {verb2} {obj}", "Round in {city} ends with {outcome}", "Officials: {obj} {state}")
STATES = ("still open", "under discussion", "a sticking point", "off the table", "within reach", "on hold")
OUTCOMES = ("cautious optimism", "no breakthrough", "a joint statement", "a plan for expert talks",
            "an agreement to meet again", "sharp differences")
PERSIAN_WORDS = ("ما", "آماده", "مذاکره", "هستیم", "طرف", "مقابل", "باید", "تعهدات", "خود", "را", "اجرا",
                 "کند", "گفتگوها", "سازنده", "بود", "توافق", "هنوز", "دور", "است", "حق", "اورانیوم", "محفوظ",
                 "بازرسی", "پیشرفت", "خوبی", "داشتیم", "دولت", "امروز", "جدی", "نشست")
OUTLET_FORMS = ("{party} Herald", "The {city} Times", "{party} News Agency", "{party} Broadcasting",
                "{party} Daily", "{city} Observer", "{party} Press", "Radio {party}")
OUTLET_KINDS = ("newspaper", "newspaper", "news-agency", "broadcaster", "newspaper", "newspaper", "news-agency",
                "broadcaster")


def counts(n: int) -> dict[str, int]:
    """Records per collection for a briefing of about ``n`` records (small briefings get the minimums)."""
    found = {name: max(MINIMUM[name], round(n * share)) for name, share in SHARES.items()}
    found["quotes"] = max(1, n - sum(found.values()))
    return found


def slug(text: str) -> str:
    cleaned = "".join(c.lower() if c.isascii() and c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)[:70].strip("-")


def day(value: date) -> str:
    return value.isoformat()


@dataclass
class Ids:
    """Ids are unique across the whole briefing; a clash gets a number."""

    used: set[str] = field(default_factory=set)

    def new(self, base: str) -> str:
        base = slug(base) or "record"
        candidate, number = base, 2
        while candidate in self.used:
            candidate = f"{base}-{number}"
            number += 1
        self.used.add(candidate)
        return candidate


class Writer:
    """Plausible negotiation prose from word pools; glossary terms appear in it so tooltips have work to do."""

    def __init__(self, rng: random.Random, terms: Sequence[str], parties: Sequence[str]) -> None:
        self.rng = rng
        self.objects = (*GENERIC_OBJECTS, *terms)
        self.parties = parties

    def pick(self, items: Sequence[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def _tail(self) -> str:
        tail = self.pick(TAILS).format(city=self.pick(CITIES), party=self.pick(self.parties))
        return f" {tail}" if tail else ""

    def sentence(self, subjects: Sequence[str] = SUBJECTS) -> str:
        return f"{self.pick(subjects)} {self.pick(VERBS)} {self.pick(self.objects)}{self._tail()}."

    def sentences(self, low: int, high: int, subjects: Sequence[str] = SUBJECTS) -> str:
        return " ".join(self.sentence(subjects) for _ in range(self.rng.randint(low, high)))

    def quote(self) -> str:
        text = self.sentences(1, 3, QUOTE_SUBJECTS)
        return text.replace("We ", "We’re clear: we ", 1) if self.rng.random() < 0.1 else text

    def stance(self) -> str:
        return self.pick(STANCE_FORMS).format(obj=self.pick(self.objects))

    def headline(self) -> str:
        a, b = self.rng.sample(list(self.parties), 2) if len(self.parties) > 1 else (self.parties[0],) * 2
        text = self.pick(HEADLINE_FORMS).format(
            a=a, b=b, verb=self.pick(VERBS).replace("have ", "").replace("are ", "").replace("were ", ""),
            verb2="reports progress on" if self.rng.random() < 0.5 else "sees gaps on", obj=self.pick(self.objects),
            state=self.pick(STATES), city=self.pick(CITIES), outcome=self.pick(OUTCOMES))
        return text[0].upper() + text[1:]

    def persian(self) -> str:
        return " ".join(self.pick(PERSIAN_WORDS) for _ in range(self.rng.randint(8, 24))) + "."


@dataclass
class Generated:
    """The records of each collection (plain dicts of text, as they are written to YAML) and the briefing."""

    briefing: dict[str, Any]
    collections: dict[str, list[dict[str, Any]]]

    @property
    def size(self) -> int:
        return sum(len(records) for records in self.collections.values())


def _cite(rng: random.Random, source: str) -> dict[str, str]:
    citation = {"source": source, "locator": f"para {rng.randint(1, 30)}"}
    if rng.random() < 0.1:
        citation["note"] = "The paragraph reports the words in indirect speech."
    return citation


def build(n: int, seed: int = 7) -> Generated:  # noqa: PLR0915 - one pass per collection reads best in order
    """The records of a briefing of about ``n`` records, the same for the same ``n`` and ``seed``."""
    rng = random.Random(f"{seed}:{n}")
    size = counts(n)
    ids = Ids({"index"})

    # Parties: two sides, a mediator, the rest observers; names never look alike.
    names = [f"{a}{b}" for a in SYLLABLES for b in ENDINGS]
    rng.shuffle(names)
    parties: list[dict[str, Any]] = []
    for i in range(size["parties"]):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        role = "side" if i < 2 else "mediator" if i == 2 else rng.choice(("observer", "other"))
        party: dict[str, Any] = {"id": ids.new(name), "name": name, "official_name": f"Republic of {name}",
                                 "kind": "state" if i % 7 else "organization", "role": role}
        if rng.random() < 0.7:
            party["description"] = f"{name} is {'a side in' if role == 'side' else 'following'} the talks."
        parties.append(party)
    party_ids = [p["id"] for p in parties]
    party_names = [p["name"] for p in parties]
    sides = party_ids[:2]
    mediator = party_ids[2]
    active = party_ids[: max(3, min(8, len(party_ids)))]  # the parties that take positions

    terms = list(GLOSSARY_TERMS[: size["glossary"]])
    terms += [f"annex {i} procedure" for i in range(len(terms) + 1, size["glossary"] + 1)]
    text = Writer(rng, terms, party_names)

    # Rounds, numbered in date order: held ones end by LAST_HELD, the last ones have no date yet.
    undated = 1 if size["rounds"] < 4 else max(2, size["rounds"] // 25)
    held = size["rounds"] - undated
    spacing = max(3, min(21, (LAST_HELD - EARLIEST_START).days // max(1, held)))
    first = LAST_HELD - timedelta(days=spacing * held)
    round_dates: list[tuple[date, date]] = []
    for i in range(held):
        start = first + timedelta(days=spacing * i + rng.randint(0, 1))
        round_dates.append((start, start + timedelta(days=rng.randint(0, 1))))
    as_of = LAST_HELD + timedelta(days=3)

    # People: a few per party, some anonymous; each speaks at least once.
    people: list[dict[str, Any]] = []
    full_names = [f"{a} {b}" for a in FIRST_NAMES for b in LAST_NAMES]
    rng.shuffle(full_names)
    for i in range(size["people"]):
        party_index = i % len(parties) if i < 2 * len(parties) else rng.randrange(min(len(parties), 8))
        person: dict[str, Any]
        if rng.random() < 0.06:
            name = f"Unnamed {party_names[party_index]} official no. {i + 1}"
            person = {"id": ids.new(f"unnamed-{party_ids[party_index]}-official-{i + 1}"), "name": name,
                      "anonymous": "true"}
        else:
            name = full_names[i % len(full_names)] + ("" if i < len(full_names) else f" {i // len(full_names) + 1}")
            person = {"id": ids.new(name), "name": name, "title": rng.choice(OFFICES)}
        person["party"] = party_ids[party_index]
        if rng.random() < 0.6:
            person["description"] = f"{person.get('title', 'An official')} of {party_names[party_index]}. " + \
                text.sentence()
        people.append(person)
    people_of: dict[str, list[str]] = {}
    for person in people:
        people_of.setdefault(person["party"], []).append(person["id"])

    # Outlets and sources: sources are spread over the held rounds, in publication order.
    taken = set(party_names) | {p["name"] for p in people}

    def unique(name: str) -> str:
        candidate, number = name, 2
        while candidate in taken:
            candidate = f"{name} ({number})"
            number += 1
        taken.add(candidate)
        return candidate

    outlets: list[dict[str, Any]] = []
    for i in range(size["outlets"]):
        form = i % len(OUTLET_FORMS)
        name = unique(OUTLET_FORMS[form].format(party=party_names[i % len(parties)], city=CITIES[i % len(CITIES)]))
        outlet: dict[str, Any] = {"id": ids.new(name), "name": name, "kind": OUTLET_KINDS[form]}
        if parties[i % len(parties)]["kind"] == "state":
            outlet["country"] = party_names[i % len(parties)]
        if rng.random() < 0.5:
            outlet["state_affiliated"] = rng.choice(("true", "false"))
        outlet["description"] = f"A {OUTLET_KINDS[form].replace('-', ' ')} that covers the talks."
        outlets.append(outlet)
    outlet_ids = [o["id"] for o in outlets]

    sources: list[dict[str, Any]] = []
    sources_of_round: dict[int, list[str]] = {}
    for i in range(size["sources"]):
        at = i * held // size["sources"]
        published = round_dates[at][1] + timedelta(days=rng.randint(0, 2))
        headline = text.headline()
        source: dict[str, Any] = {
            "id": ids.new(f"{outlet_ids[i % len(outlet_ids)][:30]}-{day(published)}"), "title": headline,
            "outlet": outlet_ids[i % len(outlet_ids)], "published": day(published),
        }
        if rng.random() < 0.8:
            source["author"] = rng.choice(full_names)
        source["url"] = f"https://news.example.org/{published.year}/{source['id']}"
        source["language"] = "en"
        source["kind"] = rng.choice(("news", "news", "news", "statement", "transcript"))
        if rng.random() < 0.3:
            source["perspective"] = text.sentences(1, 2)
        sources.append(source)
        sources_of_round.setdefault(at, []).append(source["id"])
    cited: set[str] = set()

    def citations(at: int, low: int = 1, high: int = 2) -> list[dict[str, str]]:
        pool = sources_of_round.get(at) or [s["id"] for s in sources]
        chosen = [rng.choice(pool) for _ in range(rng.randint(low, high))]
        cited.update(chosen)
        return [_cite(rng, s) for s in chosen]

    def held_round() -> int:
        return rng.randrange(held)

    # Glossary terms and issues: every term belongs to an issue, every issue gets positions.
    glossary: list[dict[str, Any]] = []
    for term in terms:
        entry: dict[str, Any] = {"id": ids.new(f"term-{term}"), "term": term, "definition": text.sentences(2, 3)}
        if rng.random() < 0.2:
            entry["aliases"] = [f"{term}s"]
        if rng.random() < 0.5:
            entry["sources"] = citations(held_round(), 1, 1)
        glossary.append(entry)
    issues: list[dict[str, Any]] = []
    subjects = list(dict.fromkeys(o.removeprefix("the ") for o in text.objects))
    for i in range(size["issues"]):
        title = subjects[i % len(subjects)]
        title = title[0].upper() + title[1:] + (f" ({i // len(subjects) + 1})" if i >= len(subjects) else "")
        issue: dict[str, Any] = {"id": ids.new(title), "title": title,
                                 "category": rng.choice(("nuclear", "non-nuclear", "process")),
                                 "summary": text.sentences(3, 5)}
        linked = [glossary[i % len(glossary)]["id"]]
        if rng.random() < 0.3:
            linked.append(rng.choice(glossary)["id"])
        issue["glossary"] = list(dict.fromkeys(linked))
        if rng.random() < 0.6:
            issue["sources"] = citations(held_round(), 1, 2)
        issues.append(issue)
    issue_ids = [i["id"] for i in issues]

    # Rounds.
    rounds: list[dict[str, Any]] = []
    for i in range(size["rounds"]):
        number = i + 1
        rnd: dict[str, Any] = {"id": ids.new(f"round-{number}"), "number": str(number)}
        if i < held:
            city = rng.choice(CITIES)
            start, end = round_dates[i]
            if rng.random() < 0.7:
                rnd["title"] = f"Round {number}, {city}"
            rnd["status"] = "held"
            rnd["start"] = day(start)
            if end != start:
                rnd["end"] = day(end)
            if rng.random() < 0.85:
                rnd["location"] = city
            rnd["format"] = rng.choice(("direct", "indirect", "mixed"))
            rnd["mediator"] = mediator
            rnd["parties"] = list(sides)
            pool = [p for party in (*sides, mediator) for p in people_of.get(party, [])]
            rnd["delegates"] = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
            rnd["summary"] = text.sentences(3, 6)
            rnd["outcomes"] = [{"text": text.sentence(), "sources": citations(i, 1, 1)}
                               for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.5:
                rnd["next_steps"] = text.sentence()
            if rng.random() < 0.2:
                rnd["framing"] = [{"text": text.sentence(), "by": rng.choice(outlet_ids),
                                   "note": "The outlet’s own characterisation.", "sources": citations(i, 1, 1)}]
            rnd["sources"] = citations(i, 1, 3)
        else:
            rnd["status"] = "planned" if i == held else "unscheduled"
            rnd["parties"] = list(sides)
            rnd["summary"] = text.sentences(1, 2)
            rnd["sources"] = citations(held - 1, 1, 1)
        rounds.append(rnd)
    round_ids = [r["id"] for r in rounds]

    # Events between rounds.
    events: list[dict[str, Any]] = []
    for i in range(size["events"]):
        at = i * held // size["events"]
        when = min(as_of, round_dates[at][1] + timedelta(days=rng.randint(1, max(1, spacing - 1))))
        title = f"{text.pick(party_names)} {rng.choice(('statement on', 'vote on', 'strikes over', 'decree on'))} " \
            f"{text.pick(text.objects)}"
        event: dict[str, Any] = {"id": ids.new(f"{title[:50]}-{day(when)}"), "title": title}
        shape = rng.random()
        if shape < 0.7:
            event["date"] = day(when)
        elif shape < 0.9:
            event["start"] = day(when)
            event["end"] = day(when + timedelta(days=rng.randint(1, 12)))
        else:
            event["duration"] = f"{rng.randint(2, 20)} days"
        event["kind"] = rng.choice(("military", "diplomatic", "statement", "domestic", "other"))
        event["parties"] = rng.sample(party_ids, min(len(party_ids), rng.randint(1, 3)))
        event["summary"] = text.sentences(3, 6)
        if rng.random() < 0.3:
            event["figures"] = [{"label": "People detained", "value": f"more than {rng.randint(10, 900)}",
                                 "according_to": rng.choice(outlet_ids), "sources": citations(at, 1, 1)}]
        if rng.random() < 0.3:
            event["framing"] = [{"text": text.sentence(), "by": rng.choice(outlet_ids), "sources": citations(at, 1, 1)}]
        event["sources"] = citations(at)
        events.append(event)

    # Positions: each stance may supersede the party's previous one on the issue, never forming a loop.
    drafts: list[tuple[int, dict[str, Any]]] = []
    for i in range(size["positions"]):
        party_id = active[rng.randrange(len(active))] if i >= len(party_ids) else party_ids[i]
        issue_id = issue_ids[i % len(issue_ids)] if i < 2 * len(issue_ids) else rng.choice(issue_ids)
        at = held_round()
        position: dict[str, Any] = {"id": "", "party": party_id, "issue": issue_id, "stance": text.stance(),
                                    "summary": text.sentences(1, 2),
                                    "type": rng.choice(("red-line", "demand", "offer", "assurance", "proposal",
                                                        "assessment")),
                                    "venue": rng.choice(("table", "public", "public", "unknown"))}
        speakers = people_of.get(party_id, [])
        if speakers and rng.random() < 0.6:
            position["stated_by"] = rng.choice(speakers)
        elif rng.random() < 0.5:
            position["according_to"] = rng.choice(outlet_ids)
        if rng.random() < 0.85:
            position["date"] = day(round_dates[at][1])
        position["round"] = round_ids[at]
        if rng.random() < 0.3:
            position["context"] = text.sentence()
        position["sources"] = citations(at)
        drafts.append((at, position))
    drafts.sort(key=lambda item: item[0])
    latest: dict[tuple[str, str], str] = {}
    positions: list[dict[str, Any]] = []
    for at, position in drafts:
        position["id"] = ids.new(f"{position['party']}-{position['issue'][:40]}-r{at + 1}")
        key = (position["party"], position["issue"])
        if key in latest and rng.random() < 0.6:
            position["supersedes"] = latest[key]
            position["sources"] = position.pop("sources")  # keys in the model's order, sources last
        latest[key] = position["id"]
        positions.append(position)

    # Quotes: every person speaks; a tenth carry their Persian original.
    quotes: list[dict[str, Any]] = []
    for i in range(size["quotes"]):
        speaker = people[i]["id"] if i < len(people) else rng.choice(people)["id"]
        at = held_round()
        quote: dict[str, Any] = {"id": ids.new(f"{speaker[:40]}-quote-{i + 1}"), "text": text.quote(),
                                 "speaker": speaker}
        if i < len(outlet_ids) or rng.random() < 0.8:
            quote["to"] = outlet_ids[i % len(outlet_ids)] if i < len(outlet_ids) else rng.choice(outlet_ids)
        shape = rng.random()
        if shape < 0.75:
            quote["date"] = day(round_dates[at][1])
        elif shape < 0.85:
            quote["date"] = day(round_dates[at][1])[:7]
        if rng.random() < 0.9:
            quote["round"] = round_ids[at]
        quote["issues"] = list(dict.fromkeys(rng.choice(issue_ids) for _ in range(rng.randint(1, 2))))
        if rng.random() < 0.5:
            quote["context"] = text.sentences(1, 2)
        quote["mode"] = "paraphrase" if rng.random() < 0.1 else "direct"
        if rng.random() < 0.1:
            quote["original"] = {"lang": "fa", "text": text.persian()}
        quote["sources"] = citations(at)
        quotes.append(quote)

    # Any source nothing cites yet is added to a quote about its round (or to the first quote).
    quote_of_round = {q.get("round"): q for q in quotes}
    for at, pool in sorted(sources_of_round.items()):
        for source_id in pool:
            if source_id not in cited:
                holder = quote_of_round.get(round_ids[at]) or quotes[0]
                holder["sources"].append(_cite(rng, source_id))
                cited.add(source_id)

    briefing: dict[str, Any] = {
        "title": f"{party_names[0]}–{party_names[1]} talks (synthetic, {n} records)",
        "subtitle": "A generated briefing for benchmarks",
        "subject": f"Negotiations between {party_names[0]} and {party_names[1]}, mediated by {party_names[2]}.",
        "as_of": day(as_of),
        "status": "ongoing",
        "key_points": [{"text": text.sentences(1, 2), "sources": citations(held - 1, 1, 2)} for _ in range(4)],
        "editors": ["Benchmark generator"],
        "language": "en",
    }
    collections = {"parties": parties, "people": people, "outlets": outlets, "sources": sources,
                   "rounds": rounds, "events": events, "issues": issues, "positions": positions, "quotes": quotes,
                   "glossary": glossary}
    return Generated(briefing, collections)


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses anchors and aliases


def dump(value: Any) -> str:
    text: str = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110,
                          default_flow_style=False)
    return text


def _content(generated: Generated) -> dict[str, str]:
    quotes = generated.collections["quotes"]
    rounds = generated.collections["rounds"]
    title = generated.briefing["title"]
    index = (f"# {title}\n\nA synthetic briefing of {generated.size} records, generated for benchmarks. Every fact "
             "is invented and tied to an invented source.\n\n<!-- briefing:status -->\n\n## Where to start\n\n"
             "- [The rounds of talks](rounds/index.md): what each round produced.\n"
             "- [Timeline](timeline.md): rounds and events in date order.\n"
             "- [Positions](matrix.md): what each party says on each issue.\n"
             "- [Quotes](quotes/index.md): what was said, by whom and to whom.\n"
             "- [About this briefing](about.md): how it is made.\n")
    about = (f"# About this briefing\n\nThis briefing is generated. It starts with [[{rounds[0]['id']}]] and "
             f"its latest round is [[{rounds[-1]['id']}|the {rounds[-1]['status']} round]].\n\n"
             f"## A quote\n\n<!-- briefing:quote id={quotes[0]['id']} -->\n\n"
             "## Method\n\nEvery fact names its source and the paragraph it comes from; what the sources do not "
             "say is shown as \"not reported\".\n")
    return {"index.md": index, "about.md": about}


def _filter_nav(nav: list[Any], exists: set[str]) -> list[Any]:
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item in exists or "://" in item:
                kept.append(item)
            continue
        for title, value in item.items():
            if isinstance(value, list):
                inner = _filter_nav(value, exists)
                if inner:
                    kept.append({title: inner})
            elif value in exists or "://" in str(value):
                kept.append({title: value})
    return kept


def generated_pages(out: Path) -> set[str]:
    """The src_uri of every page the plugin generates for the briefing in ``out``; fails on any finding."""
    from briefing.diagnostics import format_one  # noqa: PLC0415 - only needed to check the output
    from briefing.pipeline import Options, compile  # noqa: PLC0415

    result = compile(out / "data", out, Options(docs_dir=out / "content"))
    if result.diagnostics:
        messages = "\n".join(format_one(d) for d in result.diagnostics[:20])
        raise SystemExit(f"generated briefing has {len(result.diagnostics)} findings:\n{messages}")
    return {page.src_uri for page in result.pages}


def write(n: int, out: Path, seed: int = 7) -> Generated:
    """Write the briefing of ``n`` records into ``out`` (data/, content/, mkdocs.yml, overrides/)."""
    generated = build(n, seed)
    data = out / "data"
    content = out / "content"
    for folder in (data, content):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    header = "# Generated by benchmarks/generate.py: synthetic records for benchmarks.\n"
    (data / "briefing.yml").write_text(header + dump(generated.briefing), encoding="utf-8")
    for name, records in generated.collections.items():
        (data / f"{name}.yml").write_text(header + dump(records), encoding="utf-8")
    pages = _content(generated)
    for name, body in pages.items():
        (content / name).write_text(body, encoding="utf-8")

    config = yaml.safe_load(SHIPPED_CONFIG.read_text(encoding="utf-8"))
    config["site_name"] = generated.briefing["title"]
    config["site_description"] = "A synthetic briefing for benchmarks."
    custom_dir = config.get("theme", {}).get("custom_dir")
    if custom_dir:
        target = out / custom_dir
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / custom_dir, target)
    exists = set(pages) | generated_pages(out)
    if "nav" in config:
        config["nav"] = _filter_nav(config["nav"], exists)
    (out / "mkdocs.yml").write_text("# A copy of the shipped mkdocs.yml, written by benchmarks/generate.py.\n"
                                    + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110),
                                    encoding="utf-8")
    return generated


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("out", type=Path, help="folder to write the briefing into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generated = write(args.n, args.out, args.seed)
    sizes = ", ".join(f"{name} {len(records)}" for name, records in generated.collections.items())
    print(f"wrote {generated.size} records to {args.out} ({sizes})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
