#!/usr/bin/env python3
"""Checks samman's calendar, feed and e-mail renditions with real parsers.

  --ics FILE   parsed with `icalendar`: a VCALENDAR with VERSION/PRODID, every VEVENT with UID, DTSTAMP,
               DTSTART and SUMMARY, unique UIDs, timed events in Europe/Stockholm with a VTIMEZONE,
               CRLF line ends and no line over 75 octets.
  --atom FILE  parsed with `feedparser`: not bozo, every entry with id, title, updated and a link when the
               feed has one; entries newest first.
  --eml FILE   parsed with Python's `email`: multipart/alternative with text/plain and text/html that both
               decode as UTF-8, a subject that decodes (to --subject TEXT, one per --eml, when given), only
               7-bit CRLF lines, under 100 KB.

Exit 0 when everything passes, 1 on any failure (each printed as FILE: message).
"""

import argparse
import datetime
import email
import email.policy
import sys
from zoneinfo import ZoneInfo

import feedparser
import icalendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")
failures = []


def fail(path, message):
    failures.append(f"{path}: {message}")


def check_ics(path):
    raw = open(path, "rb").read()
    if b"\n" in raw.replace(b"\r\n", b""):
        fail(path, "a line ends without CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            fail(path, f"line {n} is {len(line)} octets")
    cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    for prop in ("VERSION", "PRODID"):
        if prop not in cal:
            fail(path, f"no {prop}")
    tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    # The VTIMEZONE's own rules (not the parser's tz database lookup) must agree with the tz database.
    for vtz in cal.walk("VTIMEZONE"):
        if str(vtz["TZID"]) != "Europe/Stockholm":
            continue
        own = vtz.to_tz(lookup_tzid=False)
        moments = [datetime.datetime(y, m, d, 12, 0)
                   for y in range(2000, 2041) for m in range(1, 13) for d in (1, 15, 25, 28)]
        wrong = [t for t in moments if own.utcoffset(t) != t.replace(tzinfo=STOCKHOLM).utcoffset()]
        if wrong:
            fail(path, f"VTIMEZONE disagrees with the tz database on {len(wrong)} days, first {wrong[0]}")
    uids = set()
    events = cal.walk("VEVENT")
    if not events:
        fail(path, "no VEVENT")
    for ev in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if prop not in ev:
                fail(path, f"VEVENT without {prop}")
        uid = str(ev.get("UID"))
        if uid in uids:
            fail(path, f"duplicate UID {uid}")
        uids.add(uid)
        start = ev.decoded("DTSTART")
        if hasattr(start, "hour"):
            tzid = ev["DTSTART"].params.get("TZID")
            if tzid != "Europe/Stockholm" or tzid not in tzids:
                fail(path, f"{uid}: timed event not in Europe/Stockholm with a VTIMEZONE")
            if start.utcoffset() is None:
                fail(path, f"{uid}: start has no offset")
            elif start.utcoffset() != start.replace(tzinfo=STOCKHOLM).utcoffset():
                fail(path, f"{uid}: offset {start.utcoffset()} differs from the tz database's")
            if "DTEND" in ev and ev.decoded("DTEND") <= start:
                fail(path, f"{uid}: ends before it starts")
    print(f"{path}: {len(events)} event(s)")


def check_atom(path):
    feed = feedparser.parse(path)
    if feed.bozo:
        fail(path, f"bozo: {feed.bozo_exception}")
    if feed.version != "atom10":
        fail(path, f"version {feed.version!r}, not atom10")
    for field in ("id", "title", "updated"):
        if not feed.feed.get(field):
            fail(path, f"feed without {field}")
    last = None
    for entry in feed.entries:
        for field in ("id", "title", "updated", "summary"):
            if not entry.get(field):
                fail(path, f"entry without {field}")
        if feed.feed.get("links") and not entry.get("link"):
            fail(path, f"entry {entry.get('id')} without link")
        published = entry.get("published_parsed")
        if last is not None and published is not None and published > last:
            fail(path, "entries are not newest first")
        last = published
    print(f"{path}: {len(feed.entries)} entr(y/ies)")


def check_eml(path, expected_subject=None):
    raw = open(path, "rb").read()
    if len(raw) >= 100 * 1024:
        fail(path, f"{len(raw)} bytes, not under 100 KB")
    if b"\n" in raw.replace(b"\r\n", b""):
        fail(path, "a line ends without CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 998:
            fail(path, f"line {n} is {len(line)} octets (RFC 5322 allows 998)")
        if any(b > 127 for b in line):
            fail(path, f"line {n} has 8-bit bytes")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if msg.get_content_type() != "multipart/alternative":
        fail(path, f"content type {msg.get_content_type()}")
    subject = str(msg["subject"] or "")
    if "=?" in subject or not subject.strip():
        fail(path, f"subject does not decode: {subject!r}")
    if expected_subject is not None and subject != expected_subject:
        fail(path, f"subject {subject!r}, want {expected_subject!r}")
    for header in ("From", "To", "Date", "Message-ID", "MIME-Version"):
        if header not in msg:
            fail(path, f"no {header} header")
    kinds = []
    for part in msg.iter_parts():
        kinds.append(part.get_content_type())
        body = part.get_content()
        if part.get_content_charset() != "utf-8":
            fail(path, f"{part.get_content_type()} is not utf-8")
        if not body.strip():
            fail(path, f"{part.get_content_type()} is empty")
    if kinds != ["text/plain", "text/html"]:
        fail(path, f"parts {kinds}, want text/plain then text/html")
    print(f"{path}: {subject!r}, {len(raw)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ics", action="append", default=[])
    parser.add_argument("--atom", action="append", default=[])
    parser.add_argument("--eml", action="append", default=[])
    parser.add_argument("--subject", action="append", default=[],
                        help="expected decoded subject of the --eml at the same position")
    args = parser.parse_args()
    if args.subject and len(args.subject) != len(args.eml):
        parser.error("give one --subject per --eml, or none")
    subjects = args.subject or [None] * len(args.eml)
    jobs = [(check_ics, p, ()) for p in args.ics] + [(check_atom, p, ()) for p in args.atom]
    jobs += [(check_eml, p, (s,)) for p, s in zip(args.eml, subjects)]
    for check, path, extra in jobs:
        try:
            check(path, *extra)
        except Exception as exc:  # a parser refusing the file is a failure to report, not a crash
            fail(path, f"{type(exc).__name__}: {exc}")
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
