"""Predicates: a status stated by a clause next to the count's, which has none of its own.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import Reading, SentenceReading, realis_statuses

# Words that open a clause stating the predicate of the count before it ("158 koperasi di Kabupaten
# Gowa, Sulawesi Selatan, tercatat tidak aktif").
_PREDICATE_OPENERS = ("yang", "sudah", "kini", "telah", "tercatat", "terdata", "dinyatakan", "berstatus", "masih",
                      "mengalami", "diketahui", "sekarang", "saat")
# These open the count's predicate only when the status follows them at once ("diketahui sudah lama
# tidak beroperasi", "mengalami gulung tikar"); else they open a clause of their own ("diketahui
# Dinas Koperasi akan membubarkan koperasi yang tidak aktif", "sekarang yang aktif menyusut").
_STATUS_RIGHT_AFTER = ("mengalami", "diketahui", "sekarang", "saat")
# "diketahui sudah lama", "diketahui dalam kondisi", "sekarang statusnya", "saat ini"
_ONLY_ADVERBS_RE = caseless(r"\s*\w+\s+(?:(?:ini|sudah|telah|lama|masih|kini|juga|dalam\s+(?:kondisi|keadaan)"
                            r"|kondisi(?:nya)?|status(?:nya)?|berstatus)\s+)*$")
# After a status that opens a clause, nothing but its reason: "..., tidak aktif karena berbagai
# alasan" is the predicate; "..., aktif hanya sebagian" or "aktif sekitar separuhnya" is another figure.
_A_REASON = r"(?:(?:karena|lantaran|akibat|sebab|sejak)(?![\w-]).*)?\W*$"
_ONLY_A_REASON_RE = caseless(rf"\s*{_A_REASON}")
# After the status these openers bring, nothing that makes it a part's ("saat ini aktif hanya
# sebagian", "aktif sekitar separuhnya", "aktif mengikuti program ..."): only "lagi", "kembali" or a reason
_NOTHING_BUT_A_REASON_AFTER_RE = caseless(rf"\s*(?:(?:lagi|kembali|beroperasi|sama\s+sekali)\s*)*{_A_REASON}")
# "302 koperasi karena sudah tidak aktif": a reason whose clause opens with a status (after adverbs)
# says it of the count; not "karena pengurusnya tidak aktif", nor "karena yang tidak aktif sudah dibubarkan"
_REASONS = ("karena", "lantaran", "sebab")
_ADVERBS_ONLY_RE = caseless(r"\s*(?:(?:sudah|telah|lama|masih|memang|kini|dalam\s+(?:kondisi|keadaan))\s+)*")
# "..., tercatat sebagian besar sudah tidak aktif": a status said of some of them is not the subject's
_SOME_OF_THEM_RE = caseless(r"(?<![\w-])(?:sebagian|banyak|separuh(?:nya)?|setengah(?:nya)?|mayoritas|kebanyakan"
                            r"|beberapa|hanya|tidak\s+sampai|kurang\s+dari|lebih\s+dari)(?![\w-])")


@construction("predicate_clause_after", "status_after_apposed_share", "status_as_reason", sets=("status",))
def predicate_after(s: SentenceReading) -> None:
    """`89 koperasi ..., yang sudah berhenti beroperasi`, `158 koperasi di Kabupaten Gowa,
    Sulawesi Selatan, tercatat tidak aktif`: the first status of a later clause that opens with
    a predicate word or the status itself (`84 ... dari 213 koperasi di Kabupaten Kotabaru, tidak
    aktif`), past names in apposition (`predicate_clause_after`). Past an apposed
    share, a status after the share is the predicate of both (`277 koperasi atau 47,3 persen
    lainnya mati suri`, `status_after_apposed_share`); `432 unit, yakni 219 aktif` is a part.
    A reason that is only a status: `mengusulkan penutupan 302 koperasi karena sudah tidak aktif`
    (`status_as_reason`)."""
    text, clauses = s.text, s.clauses
    for reading in s.live:
        if reading.status is not None or reading.is_base:
            continue
        for c in range(reading.clause + 1, len(clauses)):
            words = text[clauses[c].start:clauses[c].end].split()
            if c in s.numbered:
                if not lx.APPOSITION_RE.match(text[clauses[c].start:clauses[c].end]):
                    break
                apposed = [r for r in s.live if r.clause == c]
                apposed_end = max(r.number.end for r in apposed)
                found = [item for item in realis_statuses(text, clauses[c]) if item[0] >= apposed_end]
                if found and all(r.unit != reading.unit for r in apposed):
                    reading.set("status", found[0][2], "status_after_apposed_share")
                    break
                continue  # else the predicate may follow ("..., atau 30% dari 260 koperasi, kini mati suri")
            if all(w[:1].isupper() for w in words):
                continue  # a name in apposition: "(Halut), Maluku Utara"
            if len(words) == 1 and words[0].lower() in _REASONS:  # "karena" cuts a clause of its own
                _status_as_reason(s, reading, c + 1)
                break
            found = realis_statuses(text, clauses[c])
            opens_with_status = len(found) == 1 and not text[clauses[c].start:found[0][0]].strip() \
                and _ONLY_A_REASON_RE.match(text[found[0][1]:clauses[c].end]) is not None \
                and not lx.STATUSES.find(text[clauses[c].end:])  # not "aktif maupun tidak aktif"
            if words[0].lower() not in _PREDICATE_OPENERS and not opens_with_status:
                break
            if found and words[0].lower() in _STATUS_RIGHT_AFTER \
                    and (not _ONLY_ADVERBS_RE.match(text, clauses[c].start, found[0][0])
                         or not _NOTHING_BUT_A_REASON_AFTER_RE.match(text, found[0][1], clauses[c].end)):
                break
            if found and not _SOME_OF_THEM_RE.search(text, clauses[c].start, found[0][0]):
                reading.set("status", found[0][2], "predicate_clause_after")
                break


# "bukan karena", "belum tentu karena"; not "tidak hanya karena", "bukan semata karena" (asserted)
_DENIED_BEFORE_RE = caseless(
    r"(?<![\w-])(?:(?:bukan|tidak|tak)(?:\s+sama\s+sekali)?|(?:belum|tidak|bukan)\s+tentu)\s*$")


def _status_as_reason(s: SentenceReading, reading: Reading, c: int) -> None:
    if c >= len(s.clauses) or c in s.numbered \
            or _DENIED_BEFORE_RE.search(s.text, max(0, s.clauses[c - 1].start - 25), s.clauses[c - 1].start):
        return  # "bukan karena tidak aktif, melainkan karena penggabungan": a reason denied
    clause = s.clauses[c]
    found = realis_statuses(s.text, clause)
    # what follows the status is more of the reason ("karena sudah tidak aktif dan tidak memenuhi
    # syarat"), unless it makes the status some of them's ("tidak aktif sebagian besar")
    if found and _ADVERBS_ONLY_RE.fullmatch(s.text, clause.start, found[0][0]) \
            and not _SOME_OF_THEM_RE.search(s.text, found[0][1], clause.end):
        reading.set("status", found[0][2], "status_as_reason")


@construction(sets=("status",))
def status_clause_before(s: SentenceReading) -> None:
    """`Yang tidak aktif, 120 unit`: the last status of an earlier clause without numbers, unless
    a count in between states its own."""
    for reading in s.live:
        if reading.status is not None or reading.is_base:
            continue
        for c in range(reading.clause - 1, -1, -1):
            owners = [r for r in s.live if r.clause == c]
            if any(r.status_own for r in owners):
                break
            found = realis_statuses(s.text, s.clauses[c])
            if found and not owners:
                reading.set("status", found[-1][2], "status_clause_before")
                break
