#!/usr/bin/python3
"""Reads calendars that wsisc wrote with two independent parsers.

Usage: ical_check.py FILE...   Exit status 0 when every file parses with
python3-icalendar and validates with python3-vobject (validate=True), with
the properties RFC 5545 requires of each component; 1 otherwise, with the
reason on standard error.
"""
import sys

import icalendar
import vobject

REQUIRED = {
    "VCALENDAR": ("PRODID", "VERSION"),
    "VEVENT": ("UID", "DTSTAMP", "DTSTART"),
    "VTODO": ("UID", "DTSTAMP"),
    "VALARM": ("ACTION", "TRIGGER", "DESCRIPTION"),
}


def check(path):
    data = open(path, "rb").read()
    cal = icalendar.Calendar.from_ical(data)
    uids = set()
    for comp in cal.walk():
        for prop in REQUIRED.get(comp.name, ()):
            if prop not in comp:
                raise ValueError("%s without %s" % (comp.name, prop))
        if comp.name in ("VEVENT", "VTODO"):
            uid = str(comp["UID"])
            if uid in uids:
                raise ValueError("UID %s twice" % uid)
            uids.add(uid)
        if comp.name == "VEVENT" and "DTEND" in comp:
            if comp.decoded("DTEND") <= comp.decoded("DTSTART"):
                raise ValueError("%s ends before it starts" % comp["UID"])
    if "METHOD" in cal:
        raise ValueError("METHOD without ORGANIZER")
    vcal = vobject.readOne(data.decode("utf-8"), validate=True)
    n = sum(1 for _ in vcal.getChildren())
    if n == 0:
        raise ValueError("vobject read no components")
    return len(uids)


def main(paths):
    status = 0
    for path in paths:
        try:
            check(path)
        except Exception as e:  # every parser error is a failure to report
            print("%s: %s: %s" % (path, type(e).__name__, e), file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
