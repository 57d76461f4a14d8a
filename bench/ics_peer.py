#!/usr/bin/python3
"""The peer of `wsisc ical` in the benchmark: python3-icalendar writing the
same events.

  ics_peer.py extract CAL.ics EVENTS.json   the events of a calendar, as data
  ics_peer.py write EVENTS.json OUT.ics     write them with python-icalendar
  ics_peer.py same A.ics B.ics              exit 1 unless both hold the same
                                            events, property by property

`write` is what the benchmark times: it does what a script of a user's own
would do once the dates are known (build each component with the library
and serialise the calendar). It is given the dates ready-made, so the
comparison leaves out everything wsisc does before writing (parsing,
checking, solving the deadlines): it flatters the peer, not wsisc.
"""
import datetime
import json
import sys

import icalendar

TEXT = ("uid", "summary", "description", "location", "url", "transp")
DATES = ("dtstart", "dtend", "due")


def day(d):
    return d.isoformat()


def extract(src, dst):
    with open(src, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = {"name": str(cal.get("name", "")), "components": []}
    for comp in cal.subcomponents:
        c = {"kind": comp.name}
        for p in TEXT:
            if p in comp:
                c[p] = str(comp[p])
        for p in DATES:
            if p in comp:
                c[p] = day(comp.decoded(p))
        c["dtstamp"] = comp.decoded("dtstamp").strftime("%Y%m%dT%H%M%SZ")
        c["sequence"] = int(comp["sequence"])
        if "categories" in comp:
            c["categories"] = [str(x) for x in comp["categories"].cats]
        if "rrule" in comp:
            c["rrule"] = {k: v for k, v in comp["rrule"].items()}
        for p in ("exdate", "rdate"):
            if p in comp:
                c[p] = [day(x.dt) for x in comp[p].dts]
        alarms = []
        for a in comp.subcomponents:
            alarms.append({"description": str(a["description"]),
                           "days": -comp_days(a.decoded("trigger"))})
        if alarms:
            c["alarms"] = alarms
        out["components"].append(c)
    with open(dst, "w") as f:
        json.dump(out, f, ensure_ascii=False)


def comp_days(delta):
    return delta.days


def write(src, dst):
    with open(src) as f:
        data = json.load(f)
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//bench//python-icalendar//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", data["name"])
    cal.add("x-wr-calname", data["name"])
    for c in data["components"]:
        comp = icalendar.Todo() if c["kind"] == "VTODO" else icalendar.Event()
        comp.add("uid", c["uid"])
        comp.add("dtstamp", datetime.datetime.strptime(
            c["dtstamp"], "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.timezone.utc))
        comp.add("sequence", c["sequence"])
        comp.add("summary", c["summary"])
        for p in DATES:
            if p in c:
                comp.add(p, datetime.date.fromisoformat(c[p]))
        if "rrule" in c:
            comp.add("rrule", c["rrule"])
        for p in ("exdate", "rdate"):
            if p in c:
                comp.add(p, [datetime.date.fromisoformat(x) for x in c[p]])
        for p in ("location", "description", "url"):
            if p in c:
                comp.add(p, c[p])
        if "categories" in c:
            comp.add("categories", c["categories"])
        if "transp" in c:
            comp.add("transp", c["transp"])
        for a in c.get("alarms", ()):
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", a["description"])
            alarm.add("trigger", datetime.timedelta(days=-a["days"]))
            comp.add_component(alarm)
        cal.add_component(comp)
    with open(dst, "wb") as f:
        f.write(cal.to_ical())


def events(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = {}
    for comp in cal.subcomponents:
        props = {}
        for k, v in comp.items():
            if k in ("DTSTAMP", "SEQUENCE"):
                continue
            props[k] = v.to_ical() if hasattr(v, "to_ical") else str(v)
        props["alarms"] = sorted(
            (str(a["description"]), a.decoded("trigger").days)
            for a in comp.subcomponents)
        out[str(comp["uid"])] = (comp.name, props)
    return out


def same(a, b):
    ea, eb = events(a), events(b)
    if ea.keys() != eb.keys():
        print("ics_peer: the calendars hold different UIDs", file=sys.stderr)
        return 1
    for uid, (kind, props) in ea.items():
        if eb[uid] != (kind, props):
            print("ics_peer: %s differs:\n  %r\n  %r" % (uid, (kind, props),
                                                         eb[uid]),
                  file=sys.stderr)
            return 1
    print("%d events, the same in both" % len(ea))
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "extract":
        extract(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "write":
        write(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "same":
        return same(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
