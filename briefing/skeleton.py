"""`briefing new`: a content folder with every file and a comment on every field.

What must be filled in is a placeholder (TODO, or YYYY-MM-DD for a date) that `briefing
check` flags at its line, so a new report goes from skeleton to clean check by following
the diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from briefing.load.folder import FileKind, schema_pointer

REPORT = """\
id: {id}                  # stable id of the report: lower-case letters, digits, hyphens
title: TODO the report's title
language: {language}                # language of the content; briefings use the locale of that name
organisation: TODO issuing organisation (e.g. the ministry)
# unit: TODO issuing unit within the organisation (delete if none)
category: study           # trip category: study, inspection, visit, meeting, negotiation,
                          # training, research, internship, other (or add one under vocabulary:)
destinations:             # countries or regions visited
  - TODO country or region
start: YYYY-MM-DD         # first day of the trip
end: YYYY-MM-DD           # last day of the trip
report_date: YYYY-MM-DD   # date of the report (due within three months of return)
abstract:                 # the abstract, one entry per paragraph
  - TODO what the trip was for, where it went and what it found
keywords: []              # keywords, if the report gives any
purpose:
  background:             # paragraphs on why the trip was made
    - TODO why the trip was made
  aims:                   # the purposes, as numbered points (generated numbers: never type them)
    - text: TODO the first aim
members:                  # the delegation; who leads is stated, never inferred from order
  - name: TODO name
    title: TODO position title
    organisation: TODO organisation
    # unit: TODO unit within the organisation
    # rank: TODO civil-service rank
    leads: true
    # organisation_id: an organisation of styles/organisations/ this member belongs to
# audiences: [full, executive]   # which briefings to build (default: every template, and one
                                 # for each organisation the content is tagged for)
# vocabulary:                    # terms beyond the locale's, with their labels
#   visit_kinds: {{museum: Museum}}
editorial:                # additions that are not in the source document
  summary: TODO why the trip was made, in two or three sentences, for the executive summary
  key_figures: []         # figures briefings show as callouts: dataset-id/figure-id
  charts: []              # charts that head a short briefing: chart ids
"""

ITINERARY = """\
intro: []                 # paragraphs introducing the schedule
regions:                  # the trip's regions, each with its dates and days
  - id: first-region      # stable id, used by visits' region:
    name: TODO city or region
    start: YYYY-MM-DD
    end: YYYY-MM-DD
    days:
      - date: YYYY-MM-DD
        activities:       # the day's work items
          - TODO what was done
        visits: [first-visit]  # ids of the visits made that day (files in visits/)
visits_intro: []          # paragraphs introducing the visit notes
"""

CONCLUSIONS = """\
findings:                 # what the delegation found, as numbered points
  - text: TODO a finding
    editorial:
      summary: TODO the finding in one sentence, for short briefings
      # organisations: [ids of styles/organisations/ it concerns]
      # themes: [policy themes, matched against an organisation's focus]
recommendations:          # concrete recommendations, as numbered points
  - text: TODO a recommendation
    editorial:
      summary: TODO the recommendation in one sentence, for short briefings
      # organisations: [ids of styles/organisations/ it concerns]
"""

CLAIMS = """\
# Numbers the prose states (e.g. "visited 15 institutions"), so the checker can verify them.
claims: []
#  - quote: exact words as they appear in the text
#    counts: visits          # visits, trip-days, members or dataset-rows
"""

DATASETS = """\
# Statistics, each with its source; charts are drawn from them. Delete this file if the
# report has none.
datasets: []
#  - id: example-figures
#    title: What the figures are
#    as_of: 2026             # year the figures describe
#    source: {{citation: Where they come from}}
#    figures:
#      - {{id: staff, label: Staff, value: 1200, unit: people}}
charts: []
"""

VISIT = """\
id: first-visit           # stable id; the itinerary's days name it
name: TODO official name of the institution, meeting or event
short_name: TODO name used in headings
kind: other               # government, company, university, research-institute, association,
                          # museum, conference, exhibition, meeting, site, other (or your own
                          # under vocabulary: in report.yaml)
# city: TODO city
region: first-region      # id of the itinerary region
date: YYYY-MM-DD
# period: morning         # morning, afternoon, evening or all-day
# start_time: "09:30"
# end_time: "11:00"
# venue: TODO where it took place
contacts: []              # people met: {{name: ..., position: ...}}
notes:                    # what was learnt, as nested numbered points
  - text: TODO a note
photos: []                # {{caption: ..., image: photos/x.jpg}} (image path inside this folder)
# editorial: {{summary: ..., organisations: [...], industries: [...], themes: [...]}}
"""


def write_skeleton(folder: Path, *, language: str = "zh-TW") -> list[Path]:
    """Write a new content folder; return the files written."""
    report_id = "".join(ch if ch.isalnum() else "-" for ch in folder.name.lower()).strip("-")
    files = {
        Path("report.yaml"): (
            FileKind.REPORT,
            REPORT.format(id=report_id or "new-report", language=language),
        ),
        Path("itinerary.yaml"): (FileKind.ITINERARY, ITINERARY.format()),
        Path("conclusions.yaml"): (FileKind.CONCLUSIONS, CONCLUSIONS.format()),
        Path("claims.yaml"): (FileKind.CLAIMS, CLAIMS.format()),
        Path("datasets/data.yaml"): (FileKind.DATASETS, DATASETS.format()),
        Path("visits/01-first-visit.yaml"): (FileKind.VISIT, VISIT.format()),
    }
    written = []
    for rel, (kind, body) in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{schema_pointer(kind, rel)}\n{body}", encoding="utf-8")
        written.append(path)
    return written
