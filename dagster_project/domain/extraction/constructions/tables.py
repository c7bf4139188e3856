"""Tables flattened to text: a caption, a line of column names, then one line per region with
one number per column, and a total line:

    Tabel 3.2. Jumlah Koperasi di DKI Jakarta Berdasarkan Jenisnya tahun 2021
    Wilayah Jasa Konsumen Pemasaran Produsen Simpan Pinjam Grand Total
    Kota Jakarta Selatan 28 184 27 6 14 259
    ...
    Grand Total 96 1.089 146 125 84 1.540

Every cell is a figure: its region is its row's (the caption's for the total line), its status
or type its column's (the caption's where the column names neither), its date the caption's.
The sentence reader cannot read such lines (a row of bare numbers has no noun, no clause), so
tables are read first and their lines are left out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.dates import data_periods
from dagster_project.domain.extraction.gazetteer import Gazetteer
from dagster_project.domain.extraction.reading import COOP_WORD_RE, Reading
from dagster_project.domain.extraction.region_reading import ResolvedRegion
from dagster_project.domain.numbers import NumberMention
from dagster_project.domain.official_regions import DISTRICT_TYPES
from dagster_project.domain.vocabulary import CooperativeType, Status, Unit

# The first column's name: what the rows are ("Wilayah", "Kabupaten/Kota", "No Kab/Kota").
_ROW_HEADER_RE = caseless(
    r"^(?:no\.?\s+)?(?:nama\s+)?(?:wilayah|daerah|region|lokasi|provinsi|kabupaten\s*/\s*kota|kota\s*/\s*kabupaten"
    r"|kab(?:upaten)?\.?\s*/\s*kota|kab\.?\s*/\s*kot|kabupaten|kota)(?:\s+|$)")
_TOTAL_COLUMN_RE = caseless(r"(?:grand\s+)?total|jumlah(?:\s+(?:total|koperasi))?")
_FILLER_RE = caseless(r"koperasi|kop|\(?unit\)?|\(?jumlah\)?")  # words between column names
_TOTAL_ROW_RE = caseless(r"^(?:grand\s+)?total|^jumlah(?:\s+total)?$|^total\s+keseluruhan$")
_CELL_RE = re.compile(r"(?<!\S)(\d{1,3}(?:\.\d{3})+|\d+)(?!\S)")
# "2. Kota Jakarta Selatan 28 184 27": a row number, a region's name, one number per column
_ROW_RE = re.compile(rf"^(?:\d{{1,2}}[.)]?\s+(?=\D))?(?P<label>\D+?)\s+"
                     rf"(?P<cells>{_CELL_RE.pattern}(?:\s+{_CELL_RE.pattern})*)\s*$")
# A caption counts cooperatives ("Jumlah Koperasi Aktif ...", "Banyaknya Koperasi ...") and no
# measure of them ("Jumlah Anggota Koperasi", "Volume Usaha Koperasi", "Aset Koperasi").
_COUNTS_COOPERATIVES_RE = caseless(r"(?<![\w-])(?:jumlah|banyaknya|data|rekap\w*|sebaran)\s+(?:unit\s+)?koperasi(?![\w-])")
_MEASURE_RE = caseless(r"(?<![\w-])(?:anggota|aset|asset|modal|volume|usaha\s+koperasi|shu|simpanan|pinjaman|karyawan"
                       r"|pengurus|omzet|omset|rp|rupiah|kredit)(?![\w-])")
_REGION_HEADER_WORDS_RE = caseless(r"(?<![\w-])(?:kabupaten|kab\.?)\s*/\s*kota|kota\s*/\s*kabupaten(?![\w-])")
_CAPTION_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.])")
_CAPTION_LINES = 3  # how far above the column names a caption may be (lines, empty ones included)


@dataclass(frozen=True, slots=True)
class Column:
    status: Status | None
    ctype: CooperativeType | None
    is_total: bool
    period: str | None = None  # a year column's year ("2007 2008 2009 ...": one count per year)


@dataclass(frozen=True, slots=True)
class Caption:
    status: Status | None
    ctype: CooperativeType | None
    region: ResolvedRegion | None
    period: str | None


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell: its row line (article offsets and text), its number within the line, where
    the row places it and what its column and caption say."""

    line_start: int
    line_text: str
    number: NumberMention
    region: ResolvedRegion
    is_total_row: bool
    column: Column
    caption: Caption
    one_line: bool = False  # a cell of a table run into one line (below)

    @construction("table_column", "table_caption", "table_row", "table_total_row", "one_line_table_row",
                  sets=("status", "cooperative_type", "region", "as_of_date"))
    def reading(self) -> Reading:
        """The cell as a reading: status and type from its column (`table_column`), else from
        the caption (`table_caption`, which also dates the cells); its region from its row
        (`table_row`), or the caption's region on the total line (`table_total_row`). A row of a
        table run into one line places its cells by `one_line_table_row`: read on one document
        only, it is measured apart (and until then not published)."""
        reading = Reading(self.number, 0, Unit.COUNT, "cooperative")
        for name, column_value, caption_value in (("status", self.column.status, self.caption.status),
                                                  ("ctype", self.column.ctype, self.caption.ctype)):
            reading.fill(name, column_value, "table_column")
            reading.fill(name, caption_value, "table_caption")
        by = "one_line_table_row" if self.one_line else "table_total_row" if self.is_total_row else "table_row"
        reading.trace.append(("region", by))
        return reading


@dataclass(frozen=True, slots=True)
class Table:
    cells: tuple[TableCell, ...]
    start: int  # the column names' line (article offsets): the prose reader skips start:end
    end: int


def _columns(line: str) -> list[Column] | None:
    """The columns a line names after its row header, or None if it is no line of column names."""
    header = _ROW_HEADER_RE.match(line)
    if header is None or any(ch.isdigit() for ch in line):
        return None
    rest = line[header.end():]
    found: list[tuple[int, int, Column]] = []
    for start, end, status in lx.STATUSES.find(rest):
        found.append((start, end, Column(status, None, False)))
    for start, end, ctype in lx.TYPES.find(rest):
        found.append((start, end, Column(None, ctype, False)))
    for match in _TOTAL_COLUMN_RE.finditer(rest):
        found.append((match.start(), match.end(), Column(None, None, True)))
    found.sort(key=lambda item: (item[0], -item[1]))
    columns: list[Column] = []
    position = 0
    for start, end, column in found:
        if start < position:
            continue  # inside a longer name ("Tidak Aktif" holds "Aktif")
        if _FILLER_RE.sub(" ", rest[position:start]).strip(" /|\t"):
            return None  # a word that names no column: not a header
        columns.append(column)
        position = end
    if _FILLER_RE.sub(" ", rest[position:]).strip(" /|\t") or len(columns) < 2:
        return None
    return columns


def _caption(lines: list[tuple[int, str]], header_index: int, gazetteer: Gazetteer,
             dated: str | None) -> Caption | None:
    """The caption above the column names: the nearest line that names cooperatives."""
    above = [line for _, line in lines[max(0, header_index - _CAPTION_LINES):header_index] if line]
    for line in reversed(above):
        if COOP_WORD_RE.search(line):
            if not _COUNTS_COOPERATIVES_RE.search(line) or _MEASURE_RE.search(line):
                return None  # a table of members, assets, ... of cooperatives: no counts
            # "Menurut Kabupaten/Kota" names the rows, not a place ("Kota" is also a district)
            named = _REGION_HEADER_WORDS_RE.sub(lambda m: " " * len(m.group()), line)
            region = next((ResolvedRegion(c.region.region_code, named[m.start:m.end]) for m in gazetteer.find(named)
                           for c in m.candidates[:1] if c.region.region_type not in DISTRICT_TYPES), None)
            periods = data_periods(line, dated)
            year = _CAPTION_YEAR_RE.findall(line)  # a caption's bare year dates its table ("..., 2022")
            period = periods[-1][1] if periods else year[-1] if year else None
            return Caption(lx.STATUSES.only(line), lx.TYPES.only(line), region, period)
    return None


def _row_region(label: str, caption: Caption, gazetteer: Gazetteer) -> ResolvedRegion | None:
    """The region a row's label names in full, preferring one within the caption's region."""
    mentions = gazetteer.find(label)
    if len(mentions) != 1 or mentions[0].start != 0 or mentions[0].end != len(label):
        return None
    candidates = mentions[0].candidates
    within = [c for c in candidates if caption.region is None
              or c.region.region_code.startswith(caption.region.code + ".")]
    chosen = (within or list(candidates))[:1]
    return ResolvedRegion(chosen[0].region.region_code, label) if chosen else None


def _without_partial_totals(cells: list[TableCell], gazetteer: Gazetteer) -> list[TableCell]:
    """A total line is the caption region's only when the rows are every region of it ("Tiga
    Daerah dengan Koperasi Terbanyak di Jawa Tengah" totals three regencies, not the province)."""
    totals = [c for c in cells if c.is_total_row]
    if not totals:
        return cells
    region = totals[0].region.code
    children = {code for code, r in gazetteer.regions.items()
                if r.parent_code == region and r.region_type not in DISTRICT_TYPES}
    rows = {c.region.code for c in cells if not c.is_total_row}
    return cells if children and rows == children else [c for c in cells if not c.is_total_row]


def read_tables(text: str, gazetteer: Gazetteer, dated: str | None) -> list[Table]:
    """Every table of the article whose caption names cooperatives."""
    lines: list[tuple[int, str]] = []  # (where the stripped line starts in the article, the line)
    offset = 0
    for raw in text.splitlines(keepends=True):
        lines.append((offset + len(raw) - len(raw.lstrip()), raw.strip()))
        offset += len(raw)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        columns = _columns(lines[index][1]) if lines[index][1] else None
        caption = _caption(lines, index, gazetteer, dated) if columns else None
        if columns is None or caption is None:
            index += 1
            continue
        # columns that split by status (or type) leave the caption's status (or type) to none
        caption = replace(caption, status=None if any(c.status for c in columns) else caption.status,
                          ctype=None if any(c.ctype for c in columns) else caption.ctype)
        cells: list[TableCell] = []
        end = lines[index][0] + len(lines[index][1])
        row_index = index + 1
        while row_index < len(lines):
            start, line = lines[row_index]
            if line:
                row = _ROW_RE.match(line)
                if row is None:
                    break
                label = row["label"].strip(" :.")
                numbers = list(_CELL_RE.finditer(line, row.start("cells")))
                is_total = bool(_TOTAL_ROW_RE.search(label))
                region = caption.region if is_total else _row_region(label, caption, gazetteer)
                if len(numbers) != len(columns) or (region is None and not is_total):
                    break
                for column, match in zip(columns, numbers, strict=True):
                    number = NumberMention(float(match[1].replace(".", "")), match.start(1), match.end(1),
                                           match[1], False, False, False)
                    if region is not None:  # a total line under a caption that names no region: skipped
                        cells.append(TableCell(start, line, number, region, is_total, column, caption))
                end = start + len(line)
            row_index += 1
        cells = _without_partial_totals(cells, gazetteer)
        if cells:
            tables.append(Table(tuple(cells), lines[index][0], end))
        index = max(row_index, index + 1)
    return tables


# --- tables run into one line -------------------------------------------------------------------
# Document sites flatten a table onto one line, its rows numbered, one column per year:
#
#     Tabel 1. Jumlah Koperasi Unit Desa Menurut KabupatenKota Se-Sumut Nama KabupatenKota 2007
#     2008 2009 2010 2011 Kabupaten 1. Nias 15 10 10 10 5 2. Mandailing Natal 60 61 61 61 61 ...
#     Kota 26. Sibolga 1 1 1 1 - ... Jumlah 517 552 552 552 373 Sumber: ...
#
# Read only when everything agrees: a "Tabel N." caption that counts cooperatives and nothing
# else, consecutive years, at least two rows numbered 1., 2., ... each with as many cells as years
# ("x" and "-" hold none), and after the last row a total row, a source, another table or the end.
# A row names a regency or city (a province, a district or a village table refuses the row or
# the table). Its cells are held back (`one_line_table_row`, never measured but on one document).
_YEARS_HEADER_RE = re.compile(
    r"(?:(?<=\s)|^)(?:No\.?\s+)?(?:Nama\s+)?(?:Kabupaten\s*/?\s*Kota|Kab(?:upaten)?\.?\s*/\s*Kota|Wilayah|Daerah)"
    r"\s+(?P<years>(?:(?:19|20)\d{2}\s+){1,9}(?:19|20)\d{2})(?=\s)", re.IGNORECASE)
_TABLE_MARKER_RE = re.compile(r"(?<![\w-])(?:Tabel|Table)\s+\d+(?:\.\d+)*\s*\.?\s*", re.IGNORECASE)
# "Jumlah Koperasi (Unit Desa) (Aktif) Menurut ...": a count of cooperatives and nothing else
_PLAIN_COUNT_CAPTION_RE = caseless(r"^(?:jumlah|banyaknya|data|rekap\w*)\s+(?:unit\s+)?koperasi(?![\w-])")
_NOT_A_PLAIN_COUNT_RE = caseless(
    r"(?<![\w-])(?:dan|yang|per|persen\w*|persentase|rasio|target\w*|proyeksi|rencana\w*|sehat|baru|bubar\w*"
    r"|dibubarkan|rat|kecamatan|(?<!unit\s)desa|kelurahan|distrik|nagari|gampong)(?![\w-])|%")  # not Koperasi Unit Desa
_FLAT_CELL = r"(?:\d{1,3}(?:\.\d{3})+|\d+|[xX]|-)"
_FLAT_GROUP = r"(?P<group>(?:Kabupaten|Kota)\s+)?"  # the rows' group heading, run in before a row
_AFTER_THE_ROWS_RE = re.compile(r"\s*(?:$|(?:Sumber|Source|Keterangan|Tabel|Table|Catatan)(?![\w-]))", re.IGNORECASE)
_CAPTION_CHARS = 200  # how far before the column names a caption may start


def _flat_cells(columns: int) -> str:
    """As many cells as columns, and then the end of a word."""
    return rf"(?P<cells>{_FLAT_CELL}(?:\s+{_FLAT_CELL}){{{columns - 1}}})(?=\s|$)"


def _flat_row_re(columns: int) -> re.Pattern[str]:
    return re.compile(rf"\s*{_FLAT_GROUP}(?P<number>\d{{1,2}})\s*\.\s*(?P<label>[^\d\s][^\d]*?)\s+"
                      + _flat_cells(columns))


def _flat_total_re(columns: int) -> re.Pattern[str]:
    return re.compile(rf"\s*(?P<label>(?:Grand\s+)?Total|Jumlah)\s+{_flat_cells(columns)}", re.IGNORECASE)


def _one_line_caption(text: str, header_start: int, gazetteer: Gazetteer,
                      dated: str | None) -> tuple[int, Caption] | None:
    """The caption between the last `Tabel N.` before the column names (on their line) and them,
    when it counts cooperatives and nothing else; with where it starts."""
    line_start = text.rfind("\n", 0, header_start) + 1
    window_start = max(line_start, header_start - _CAPTION_CHARS)
    marker = next(reversed(list(_TABLE_MARKER_RE.finditer(text, window_start, header_start))), None)
    if marker is None:
        return None
    words = text[marker.end():header_start]
    if not _PLAIN_COUNT_CAPTION_RE.search(words) or _NOT_A_PLAIN_COUNT_RE.search(words):
        return None
    caption = _caption([(0, words)], 1, gazetteer, dated)
    return None if caption is None else (marker.start(), replace(caption, period=None))  # the columns date it


def _one_line_row_region(label: str, group: str, caption: Caption, gazetteer: Gazetteer) -> ResolvedRegion | None:
    """A row's regency or city ("Kota 26. Sibolga": the group names the level), never a province."""
    region = (group and _row_region(f"{group.strip()} {label}", caption, gazetteer)) \
        or _row_region(label, caption, gazetteer)
    if region is None or gazetteer.regions[region.code].region_type not in ("kabupaten", "kota"):
        return None
    return region


def _names_only_a_district(label: str, gazetteer: Gazetteer) -> bool:
    """A row label that is a district's name and no regency's or city's: a table of districts."""
    mentions = gazetteer.find(label)
    return len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(label)) \
        and all(c.region.region_type in DISTRICT_TYPES for c in mentions[0].candidates)


def read_one_line_tables(text: str, gazetteer: Gazetteer, dated: str | None) -> list[Table]:
    """Every table run into one line whose columns are years (above): each cell is its row's
    region's count of the caption's status and type in its column's year (none after the
    article's own year); the total row is the caption region's, when the rows are all of it."""
    found: list[Table] = []
    for header in _YEARS_HEADER_RE.finditer(text):
        years = header["years"].split()
        if [int(y) for y in years] != list(range(int(years[0]), int(years[0]) + len(years))):
            continue  # consecutive years only: a header, not a sentence's years
        captioned = _one_line_caption(text, header.start(), gazetteer, dated)
        if captioned is None:
            continue
        table_start, caption = captioned
        columns = [Column(None, None, False, year) for year in years]
        cells: list[TableCell] = []
        position, rows, group, refused = header.end(), 0, "", False
        row_re, total_re = _flat_row_re(len(years)), _flat_total_re(len(years))
        while True:
            row = row_re.match(text, position)
            if row is not None and int(row["number"]) == rows + 1:
                is_total, segment_start = False, row.start("number")
                group = row["group"] or group  # "Kabupaten 1. Nias ... Kota 26. Sibolga": the rows' level
                label = " ".join(row["label"].strip(" :.").split())
                region = _one_line_row_region(label, group, caption, gazetteer)
                refused = refused or (region is None and _names_only_a_district(label, gazetteer))
                rows += 1
            else:
                row = total_re.match(text, position)
                if row is None or rows < 2:
                    break
                is_total, segment_start, region = True, row.start("label"), caption.region
            segment = text[segment_start:row.end()]
            if region is not None:  # a row whose label names no regency or city is left out
                for column, cell in zip(columns, re.finditer(_FLAT_CELL, row["cells"]), strict=True):
                    if not cell.group()[0].isdigit() or (dated and column.period > dated[:4]):
                        continue  # "x", "-": no figure; a year after the article's: a target
                    start = row.start("cells") + cell.start() - segment_start
                    number = NumberMention(float(cell.group().replace(".", "")), start, start + len(cell.group()),
                                           cell.group(), False, False, False)
                    cells.append(TableCell(segment_start, segment, number, region, is_total, column, caption, True))
            position = row.end()
            if is_total:
                break
        if refused or rows < 2 or not _AFTER_THE_ROWS_RE.match(text, position):
            continue  # a district's table, or rows that do not end as a table does: not read at all
        cells = _without_partial_totals(cells, gazetteer)
        if cells:
            found.append(Table(tuple(cells), table_start, position))
    return found
