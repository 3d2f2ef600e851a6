#!/usr/bin/env python3
"""Deterministic synthetic corpus for scripts/bench.sh.

Writes DIR/claims.yaml with K claims of every kind (people with roles,
venues, events with cues and dates, quotes), DIR/corpus/*.txt with about
N MB of news-like articles that mention them (dated by a by-line, with
relative and absolute dates, quotes and attributions, and some errors),
and DIR/phrases.txt with every alias, venue and cue phrase, one per line,
for ripgrep to find.
"""
import argparse
import os
import random

FIRST = "Anna Boris Carla Dmitri Elena Farid Greta Hiro Ines Jonas Kira Lars Maya Nikos Olga Pavel Rosa Sami Tara Umar Vera Walt Yara Zoltan".split()
LAST = "Abbott Brandt Castillo Dahl Ekström Fischer Gallo Haas Ivanov Jansen Kowalski Larsen Moreau Novak Ortiz Petrov Quinn Rossi Schmidt Tanaka Ueda Varga Weber Young Zimmer".split()
CITIES = "Aldport Brenmoor Calvane Dunmere Eskholm Farrowby Glenvar Harwick Istrov Jalden Kestria Lunmark Morvane Norhaven Oskerby Pellmar Quarrow Rivenby Solvang Tarvik".split()
TOPICS = "trade tariffs energy security sanctions climate migration elections the economy shipping fisheries grain".split()
FILLER = [
    "Officials said the talks would continue into the evening.",
    "The ministry did not respond to a request for comment.",
    "Markets were little changed after the announcement.",
    "Analysts said the outcome remained uncertain.",
    "The statement gave no further details.",
    "Diplomats described the atmosphere as constructive.",
    "Protesters gathered outside the building for several hours.",
    "The agreement still needs the approval of parliament.",
]
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


SYLLABLES = "ba ce di fo gu ha je ki lo mu na pe ri so tu va we xi yo zu bra cre dri flo gru pla tre".split()


def word(rnd):
    """A made-up word, so that quotes share no five-word run by chance."""
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randrange(2, 4)))


def write_claims(path, people, venues, events, quotes):
    with open(path, "w") as f:
        f.write("version: 1\npeople:\n")
        for pid, name, last in people:
            f.write(f"  {pid}: {{ name: {name}, aliases: [{last}] }}\n")
        f.write("venues:\n")
        for vid, city in venues:
            f.write(f"  {vid}: {{ name: {city}, kind: city }}\n")
        f.write("events:\n")
        for eid, a, b, v, day, topic in events:
            f.write(f"  {eid}:\n    date: {day.isoformat()}\n    venue: {v[0]}\n"
                    f"    participants: [{a[0]}, {b[0]}]\n    cues: [\"{topic}\"]\n"
                    f"    sources: [\"synthetic\"]\n")
        f.write("quotes:\n")
        for qid, who, text in quotes:
            f.write(f"  {qid}: {{ text: \"{text}.\", speaker: {who[0]}, sources: [synthetic] }}\n")


def unmentioned(rnd, k, base):
    """K claims (with their people and venues) whose names the corpus never
    uses: every name carries a number, which no generated article does."""
    import datetime
    people = [(f"xp{i}", f"Xena Quorb{i}", f"Quorb{i}") for i in range(max(2, k // 4))]
    venues = [(f"xv{i}", f"Xanthe{i}") for i in range(max(2, k // 4))]
    events = []
    for i in range(max(1, k // 2)):
        a, b = rnd.sample(people, 2)
        day = base + datetime.timedelta(days=rnd.randrange(0, 700))
        events.append((f"xe{i}", a, b, rnd.choice(venues), day, f"xeno forum {i}"))
    quotes = []
    for i in range(max(1, k - len(events))):
        text = " ".join(word(rnd) for _ in range(rnd.randrange(8, 16))).capitalize()
        quotes.append((f"xq{i}", rnd.choice(people), f"{text} {i}"))
    return people, venues, events, quotes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20181116)
    ap.add_argument("--mentioning", type=float, default=1.0,
                    help="share of articles that mention claims (1.0: every one, the worst case; "
                         "the rest are news copy with dates and names no claim knows)")
    ap.add_argument("--extra-claims", type=int, default=0,
                    help="also write claims-plus-M.yaml: claims.yaml and M more claims that the corpus "
                         "never mentions (the corpus is unchanged), to time the claims count alone")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    import datetime

    # A quarter of the claims each: people (not counted as claims by the
    # tool), venues, events, quotes; events and quotes are the claims.
    k = max(4, args.claims)
    n_people = max(2, k // 4)
    n_venues = max(2, k // 4)
    n_events = max(1, k // 2)
    n_quotes = max(1, k - n_events)

    people = []
    surnames = set()
    for i in range(n_people):
        last = word(rnd).capitalize() + LAST[i % len(LAST)].lower()
        while last in surnames:
            last += "son"
        surnames.add(last)
        people.append((f"p{i}", f"{FIRST[i % len(FIRST)]} {last}", last))
    venues = []
    for i in range(n_venues):
        city = f"{CITIES[i % len(CITIES)]}{'' if i < len(CITIES) else i}"
        venues.append((f"v{i}", city))
    base = datetime.date(2018, 1, 1)
    events = []
    for i in range(n_events):
        a, b = rnd.sample(people, 2)
        v = rnd.choice(venues)
        day = base + datetime.timedelta(days=rnd.randrange(0, 700))
        topic = f"{rnd.choice(TOPICS)} summit {i}"
        events.append((f"e{i}", a, b, v, day, topic))
    quotes = []
    for i in range(n_quotes):
        who = rnd.choice(people)
        words = [word(rnd) for _ in range(rnd.randrange(8, 16))]
        text = " ".join(words).capitalize()
        quotes.append((f"q{i}", who, text))

    os.makedirs(os.path.join(args.out, "corpus"), exist_ok=True)
    write_claims(os.path.join(args.out, "claims.yaml"), people, venues, events, quotes)
    if args.extra_claims:
        # A separate random stream, so the corpus below stays the same.
        extra = unmentioned(random.Random(args.seed + 1), args.extra_claims, base)
        write_claims(os.path.join(args.out, f"claims-plus-{args.extra_claims}.yaml"),
                     *[a + b for a, b in zip((people, venues, events, quotes), extra)])
    with open(os.path.join(args.out, "phrases.txt"), "w") as f:
        seen = set()
        for phrase in [p[1] for p in people] + [p[2] for p in people] + [v[1] for v in venues] + [e[5] for e in events]:
            if phrase not in seen:
                seen.add(phrase)
                f.write(phrase + "\n")

    target = int(args.mb * 1024 * 1024)
    written = 0
    n = 0
    while written < target:
        published = base + datetime.timedelta(days=rnd.randrange(0, 720))
        lines = [f"Headline number {n}", "", f"By Staff Writer {MONTHS[published.month - 1]} {published.day}, {published.year}", ""]
        # No random draw when every article mentions claims, so the default
        # corpus stays what it was.
        plain = args.mentioning < 1.0 and rnd.random() >= args.mentioning
        for _ in range(rnd.randrange(6, 14)):
            if plain:
                other = f"{rnd.choice(FIRST)} {word(rnd).capitalize()}"
                day = published - datetime.timedelta(days=rnd.randrange(1, 60))
                lines.append(f"{other} said on {MONTHS[day.month - 1]} {day.day} that the council would vote on {rnd.choice(TOPICS)} next week. {rnd.choice(FILLER)} {rnd.choice(FILLER)}")
                lines.append("")
                continue
            kind = rnd.random()
            e = rnd.choice(events)
            eid, a, b, v, day, topic = e
            if rnd.random() < 0.03:  # an error: a day off, or the wrong city
                day = day + datetime.timedelta(days=1)
            place = v[1] if rnd.random() > 0.03 else rnd.choice(venues)[1]
            if kind < 0.35:
                lines.append(f"{a[1]} met {b[2]} at the {topic} in {place} on {MONTHS[day.month - 1]} {day.day}, {day.year}. {rnd.choice(FILLER)}")
            elif kind < 0.55:
                delta = (published - day).days
                if 0 < delta < 7:
                    when = f"last {WEEKDAYS[day.weekday()]}" if delta > published.weekday() else WEEKDAYS[day.weekday()]
                    lines.append(f"The {topic} was held in {place} {when}, officials said. {rnd.choice(FILLER)}")
                else:
                    lines.append(f"The {topic} took place in {MONTHS[day.month - 1]} {day.year}. {rnd.choice(FILLER)}")
            elif kind < 0.8:
                qid, who, text = rnd.choice(quotes)
                speaker = who[2] if rnd.random() > 0.03 else rnd.choice(people)[2]
                lines.append(f"“{text},” {speaker} told reporters. {rnd.choice(FILLER)}")
            else:
                lines.append(" ".join(rnd.choice(FILLER) for _ in range(4)))
            lines.append("")
        body = "\n".join(lines) + "\n"
        with open(os.path.join(args.out, "corpus", f"{n:07d}.txt"), "w") as f:
            f.write(body)
        written += len(body.encode())
        n += 1


if __name__ == "__main__":
    main()
