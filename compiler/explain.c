/*
 * explain.c - what each diagnostic code means, for `wsisc explain CODE`:
 * the rule broken, a spec that breaks it, and the fix.  One entry per code
 * in the table of docs/language.md (the tests hold the two together).
 */
#include <string.h>

#include "wsisc.h"

static const WsisExplain table[] = {
    {"E0001", "syntax error",
     "The parser met a token it cannot use there. The message names the\n"
     "token and, when there are few, what would have fitted. Reading starts\n"
     "again at the next declaration keyword, so every broken declaration is\n"
     "reported in one run.",
     "event e {\n  hosts ITU UNESCO\n}",
     "Write what the message expects; here a comma: hosts ITU, UNESCO."},
    {"E0002", "character that cannot appear here",
     "Outside strings only ASCII names, numbers, dates, keywords, braces,\n"
     "parentheses, commas, '..' and the paragraph sign are allowed. Names\n"
     "are ASCII; strings take straight double quotes and no raw control\n"
     "characters.",
     "entity A {\n  name en \xe2\x80\x9cSecretary-General\xe2\x80\x9d\n}",
     "Use straight quotes (\"...\"), write a tab as \\t, and keep other\n"
     "scripts inside strings."},
    {"E0003", "unterminated string",
     "A string must end with '\"' on the line where it starts.",
     "entity A {\n  name en \"Secretary-General\n}",
     "Close the string. To continue a long text on the next line, close it\n"
     "and open another: adjacent strings are joined."},
    {"E0004", "invalid escape sequence",
     "Strings know the escapes \\\" \\\\ \\n \\t and \\u{XXXX}, where XXXX is 1\n"
     "to 6 hex digits naming a printable character up to U+10FFFF (not a\n"
     "surrogate).",
     "entity A {\n  name en \"a\\qb\"\n}",
     "Write one of the escapes, or \\\\ for a backslash."},
    {"E0005", "invalid UTF-8",
     "Specs are UTF-8. Bytes that do not form UTF-8 (a Latin-1 file, an\n"
     "overlong encoding, an encoded surrogate) are rejected where they\n"
     "stand.",
     "entity A {\n  name fr \"Secr<0xE9>taire\"   // a Latin-1 byte\n}",
     "Save the file as UTF-8 (iconv -f latin1 -t utf-8)."},
    {"E0006", "unterminated comment",
     "A '/*' comment runs to the first '*/'; none was found before the end\n"
     "of the file. Comments do not nest.",
     "/* the Commission's sessions\nentity A { name en \"A\" }",
     "Close the comment with '*/', or use '//' comments."},
    {"E0007", "malformed date",
     "Dates are written YYYY-MM-DD: four digits, two, two.",
     "event e {\n  title en \"IGF\"\n  on 2012-11-6\n}",
     "Pad with zeros: on 2012-11-06."},
    {"E0008", "number too large",
     "Numbers go up to 2147483647.",
     "verb v {\n  phrase en \"v\"\n  strength 99999999999\n}",
     "Use a smaller number (a strength is 0 to 5)."},
    {"E0009", "file declares nothing",
     "A spec file with no declaration at all (empty, only a byte order\n"
     "mark, only comments) is almost always the wrong or an unsaved file.",
     "// notes for later",
     "Check the file name; a spec holds declarations."},
    {"E0010", "token too long",
     "Names are at most 255 bytes and strings at most 1 MiB once decoded:\n"
     "limits that no real spec nears, so that hostile input cannot make\n"
     "the compiler hold arbitrary amounts of text.",
     "entity AAAA...(300 letters) { name en \"x\" }",
     "Use a shorter name; split a long text into several fields."},
    {"E0101", "import not found",
     "import \"NAME\" looks for NAME.wsis in each -I directory, then in\n"
     "WSIS_PATH, then in the stdlib. None of them holds it; the notes list\n"
     "where it looked.",
     "import \"no_such_module\"",
     "Fix the name, or add its directory with -I DIR or WSIS_PATH."},
    {"E0102", "import cycle",
     "Following imports led back to a file that is still being loaded. The\n"
     "notes show each import along the cycle.",
     "// a.wsis\nimport \"b\"\n// b.wsis\nimport \"a\"",
     "Move what both files need into a third file that both import."},
    {"E0103", "invalid import name",
     "An import names a file inside the search path: a relative path of\n"
     "plain segments, without '.wsis', '..', '.' or a leading '/'. This\n"
     "keeps imports from reaching outside the directories searched.",
     "import \"../../etc/passwd\"",
     "Name the module (import \"un\") and put its directory on the path."},
    {"E0104", "import cannot be read",
     "The import was found but cannot be used: it is a directory or\n"
     "another non-regular file, it cannot be read, it is over 64 MiB, or\n"
     "imports nest more than 200 deep.",
     "import \"adir\"    // adir.wsis is a directory",
     "Point the import at a regular, readable .wsis file."},
    {"E0201", "unknown name",
     "A name is used that no loaded file declares as the kind of thing\n"
     "expected (an entity, a verb, an event or obligation, a document, a\n"
     "session). A note suggests the closest declared name of that kind.",
     "obligation o {\n  cites para 34\n  requests SGG\n  action en \"Report\"\n}",
     "Correct the spelling (SG), or declare the name, or import the file\n"
     "that declares it."},
    {"E0202", "duplicate definition",
     "All loaded files share one namespace, so a name is declared once; a\n"
     "paragraph is marked once. The note points at the first declaration.",
     "entity SG { name en \"Secretary-General\" }   // also in the stdlib",
     "Rename one of them, or drop the second."},
    {"E0203", "name of the wrong kind",
     "The name exists, but as another kind of thing than the place needs:\n"
     "an event used as an actor, an entity as a deadline's anchor.",
     "obligation o {\n  cites para 35\n  urges igf_2012      // an event\n"
     "  action en \"...\"\n}",
     "Use a name of the right kind; the note shows what the name is."},
    {"E0204", "field given twice",
     "A field that holds one value was given again: a second 'symbol', a\n"
     "second 'title' in the same language, a second date of an event, a\n"
     "second verb line in an obligation.",
     "event e {\n  title en \"IGF\"\n  title en \"Internet Governance Forum\"\n"
     "  on 2012-11-06\n}",
     "Keep one. Texts in other languages take their own tag: title zh."},
    {"E0205", "field not allowed here",
     "Each kind of declaration takes its own fields; the note lists them.",
     "obligation o {\n  cites para 6\n  hosts ITU\n}",
     "Move the field to a declaration that takes it (hosts belongs to an\n"
     "event), or drop it."},
    {"E0206", "required field missing",
     "A resolution needs symbol, title, body, adopted and operative; an\n"
     "obligation a verb line, cites and action; an event a title and a\n"
     "date; an entity a name; a verb a phrase and a strength; a document a\n"
     "symbol; a calendar a title.",
     "obligation o {\n  cites para 34\n  action en \"Report\"\n}",
     "Add the field; for an obligation's verb: requests SG."},
    {"E0207", "resolution missing or doubled",
     "A spec follows exactly one resolution: paragraph numbers mean nothing\n"
     "without one, and two would make them ambiguous.",
     "obligation o {\n  cites para 34\n  requests SG\n  action en \"x\"\n}",
     "Declare the resolution (resolution ID { symbol ... operative 1..N }),\n"
     "or split the spec in two."},
    {"E0208", "invalid language tag",
     "A text's language is an ISO 639 code of two or three lowercase\n"
     "letters.",
     "entity A {\n  name EN \"Secretary-General\"\n}",
     "Write en, fr, zh, es, ar, ru ..."},
    {"E0209", "invalid value",
     "A field's value is outside what it may be: an unknown entity kind or\n"
     "weekday, a strength outside 0 to 5, an empty text, a sub-paragraph\n"
     "that is not lowercase letters, an unknown rounding, an interval of 0.",
     "verb v {\n  phrase en \"v\"\n  strength 9\n}",
     "Use one of the values the note lists."},
    {"E0301", "date that does not exist",
     "The date is well formed but not a day of the proleptic Gregorian\n"
     "calendar in the years 0001 to 9999.",
     "event e {\n  title en \"x\"\n  on 2013-02-29\n}",
     "Check the day: 2013 is not a leap year."},
    {"E0302", "range ends before it starts",
     "A 'from A to B' span, an 'operative N..M' range or a recurrence ends\n"
     "before it begins.",
     "event igf {\n  title en \"IGF\"\n  from 2012-11-09 to 2012-11-06\n}",
     "Swap the ends."},
    {"E0401", "paragraph outside the operative range",
     "A citation or paragraph marker names a paragraph that the\n"
     "resolution's 'operative N..M' does not include.",
     "obligation o {\n  cites para 45    // operative 1..44\n}",
     "Check the paragraph number, or the operative range."},
    {"W0402", "operative paragraph not accounted for",
     "Every operative paragraph should be cited by an obligation or an\n"
     "event, or marked, so that nothing the resolution says is forgotten.\n"
     "One warning covers each run of consecutive paragraphs.",
     "resolution R { ... operative 1..44 }   // and nothing cites 12",
     "Cite it from an obligation or event, or add: paragraph 12 recognizes"},
    {"E0501", "dependency cycle",
     "Obligations' deadlines are counted from each other in a circle, so\n"
     "none can be worked out. Every member of the cycle is named, with a\n"
     "note at each rule that closes a step.",
     "obligation a { ... due before b }\nobligation b { ... due before c }\n"
     "obligation c { ... due before a }",
     "Anchor one of them to a date, an event or a session."},
    {"E0502", "deadlines that cannot all hold",
     "The rules of one or more obligations contradict each other: following\n"
     "them from a fixed date leads back to that date from the wrong side.\n"
     "The notes give the chain, one rule per step.",
     "obligation x { ... due before igf_2012\n  due after y }\n"
     "obligation y { ... due after igf_2012 }",
     "Drop or correct one rule of the chain."},
    {"E0503", "due before adoption",
     "A deadline falls before the resolution was adopted, so nobody could\n"
     "have been asked to meet it.",
     "obligation o { ... due by 2012-05-01 }   // adopted 2012-07-24",
     "Check the date, or whether the duty comes from an earlier\n"
     "instrument (then record it as an event, or with 'origin')."},
    {"E0504", "sub-obligation outside its parent",
     "An obligation that is 'part_of' another is due after the parent's\n"
     "deadline, or before the parent can start.",
     "obligation p { ... due by 2013-03-01 }\n"
     "obligation c { ... part_of p\n  due by 2013-05-01 }",
     "Move the sub-obligation's deadline inside the parent's window."},
    {"E0505", "deadline that cannot be resolved",
     "The rule names something that gives no date: a session without dates,\n"
     "no session of the body in a recurrence's period, 'session BODY'\n"
     "without a number outside a recurrence, a recurring obligation as an\n"
     "anchor, months counted from another obligation, or a date beyond the\n"
     "calendar. wsisc does not guess.",
     "obligation o { ... due 30 days before session CSTD }   // not recurring",
     "Name the session (session CSTD 16), give the session its dates, or\n"
     "count from a date or event."},
    {"E0506", "month arithmetic lands on a missing day",
     "Counting months or years from a date can land on a day the month\n"
     "lacks (one month after 31 January). There is no silent default.",
     "obligation o { ... due 1 month after 2013-01-31 }",
     "Add 'rounding down' (the month's last day) or 'rounding up' (the\n"
     "first day of the next month) to the obligation."},
    {"W0601", "verb disagrees with its paragraph",
     "The obligation's operative verb is not the verb the cited paragraph\n"
     "is marked with, so its strength may be misread.",
     "paragraph 33 invites\nobligation o { cites para 33\n  requests SG ... }",
     "Use the paragraph's verb, or correct the marker."},
    {"W0602", "obligation without a duty",
     "The obligation rests on a verb that creates no obligation (notes,\n"
     "welcomes, recalls: strength 0), its own or its paragraph's.",
     "obligation o { cites para 25\n  notes SG ... }",
     "Mark the paragraph with 'paragraph N notes' instead, or, for a duty\n"
     "the resolution only recalls, say where it comes from with 'origin'."},
    {"W0603", "open-ended obligation",
     "The obligation has no deadline and does not recur, and is not marked\n"
     "ongoing: it will never be late, and never be met.",
     "obligation o { cites para 28\n  calls_upon ALL_STAKEHOLDERS ... }",
     "Give it 'due ...' or 'every ...', or say 'ongoing'."},
    {"W0604", "recurrence with no end",
     "'every' without 'until' recurs for ever; schedules list its first 10\n"
     "occurrences.",
     "obligation o { ... every year from 2013 }",
     "Add 'until YEAR'."},
    {"E0701", "progress for an occurrence that does not exist",
     "A record of a recurring obligation must name its occurrence (the year\n"
     "of a yearly one, else its number), and the occurrence must be one\n"
     "the schedule has; a record of a single obligation names none.",
     "progress sg_annual_report 2016 { done 2016-03-01 }   // 2013 to 2015",
     "Name an occurrence that exists (wsisc dates lists them), or drop it."},
    {"E0702", "progress dated after today",
     "A record says what has happened, so its date cannot be later than\n"
     "today (--today, SOURCE_DATE_EPOCH, or the clock).",
     "progress o { done 2030-01-01 }",
     "Correct the date; to look at another day, give --today or --as-of."},
    {"E0703", "progress dated before adoption",
     "Nothing can be done under a resolution before it is adopted.",
     "progress o { done 2012-01-01 }   // adopted 2012-07-24",
     "Correct the date, or record earlier work in a note."},
    {"E0704", "invalid progress file",
     "A progress XML file must be well-formed, carry no DTD (no DOCTYPE,\n"
     "no entities: nothing outside the file is ever read) and match\n"
     "schema/progress.rng. The diagnostic points at the line.",
     "<!DOCTYPE progress [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
     "<progress xmlns=\"urn:wsisc:progress:1\">&x;</progress>",
     "Write plain records as the schema describes, without a DOCTYPE."},
    {"W0705", "progress after the as-of day",
     "A report as of a day leaves out records dated later, so a complete\n"
     "progress log still gives the report of an earlier day.",
     "wsisc report --as-of 2013-06-30 spec.wsis progress.wsis\n"
     "// progress sg_annual_report 2015 { done 2015-02-23 }",
     "Nothing to fix if the report is meant to be historical; otherwise\n"
     "move --as-of."},
};

const WsisExplain *wsis_explain(const char *code)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].code, code) == 0)
            return &table[i];
    return NULL;
}

const WsisExplain *wsis_explain_at(size_t i)
{
    return i < sizeof table / sizeof table[0] ? &table[i] : NULL;
}
