"""A CSV read only as far as its head, the rest in bulk, gives the rows csv.reader gives, in every layout:
quotes, separators inside quotes, line breaks inside quotes, blank lines, rows of other lengths, tab and
semicolon, BOM, GB18030, CRLF."""

import pytest

from tradestats.ingest import sources

CASES = {
    "plain": "项目编号,名称,金额\nP-1,道路,1\nP-2,桥,2\n",
    "quotes": '项目编号,名称,金额\r\nP-1,"道路,一期","1,200"\r\nP-2,"桥""二""",2\r\n',
    "quote inside a field": '项目编号,名称,金额\nP-1,a"b,1\nP-2,"ab"c,2\n',
    "line break in quotes": '项目编号,名称,金额\nP-1,"道路\n一期",1\nP-2,桥,2\n',
    "blank line": "项目编号,名称,金额\nP-1,道路,1\n\nP-2,桥,2\n",
    "blank lines at the end": "项目编号,名称,金额\nP-1,道路,1\nP-2,桥,2\n\n\r\n",
    "short row": "项目编号,名称,金额\nP-1,道路\nP-2,桥,2\n",
    "long row": "项目编号,名称,金额\nP-1,道路,1,备注\nP-2,桥,2\n",
    "tabs": "项目编号\t名称\t金额\nP-1\t道路,一期\t1\nP-2\t桥\t2\n",
    "semicolons": "项目编号;名称;金额\nP-1;道路;1,5\nP-2;桥;2\n",
    "title above": "2024年项目明细\n项目编号,名称,金额\nP-1,道路,1\n",
    "no newline at the end": "项目编号,名称,金额\nP-1,道路,1\nP-2,桥,2",
    "spaces kept": "项目编号,名称,金额\n P-1 ,\u3000道路, 1\n",
    "header only": "项目编号,名称,金额\n",
}


def without_blank_rows(table):
    return [r for r in table.to_pylist() if any(v for k, v in r.items() if k != "row_no")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("name", CASES)
def test_bulk_reading_gives_the_rows_of_csv_reader(name, encoding):
    data = CASES[name].encode(encoding)
    head = sources.read("f.csv", data, head=13)[0]
    whole = sources.read("f.csv", data)[0]
    start = 2 if name == "title above" else 1
    got = without_blank_rows(sources.table(head, start))
    want = without_blank_rows(sources.rows_table(whole.rows, start, frozenset()))
    assert [{k: v or "" for k, v in r.items()} for r in got] == [{k: v or "" for k, v in r.items()} for r in want]


def test_bulk_reading_is_used_for_a_plain_file():
    head = sources.read("f.csv", CASES["quotes"].encode(), head=13)[0]
    assert sources.read_bulk(head, 1, 3) is not None
    head = sources.read("f.csv", CASES["line break in quotes"].encode(), head=13)[0]
    assert sources.read_bulk(head, 1, 3) is None


def test_too_many_rows_for_bulk_reading(monkeypatch):
    monkeypatch.setattr(sources, "MAX_TABLE_ROWS", 3)
    with pytest.raises(sources.SourceError, match="行数超过 3 行，文件太大"):
        sources.read("f.csv", ("a,b\n" * 5).encode(), head=13)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("header_bytes", [None, 4])
def test_a_large_file_read_from_its_start_gives_the_rows_of_csv_reader(monkeypatch, encoding, header_bytes):
    """A UTF-8 file is decoded only as far as its first rows — cut where a character begins — and the whole
    file when those do not fit; GB18030 always whole."""
    monkeypatch.setattr(sources, "HEAD_BYTES", header_bytes or 1001)
    text = "项目编号,名称,金额\n" + "".join(f"P-{i},道路改造工程{i},{i}\n" for i in range(500))
    data = text.encode(encoding)
    if encoding.startswith("utf-8") and not header_bytes:
        assert data[1001] & 0xC0 == 0x80  # the cut falls inside a character
    head = sources.read("f.csv", data, head=13)[0]
    assert head.rows == [r.split(",") for r in text.splitlines()[:13]]
    rows = without_blank_rows(sources.table(head, 1))
    assert len(rows) == 500 and rows[-1] == {"c0": "P-499", "c1": "道路改造工程499", "c2": "499", "row_no": 501}


def test_a_file_that_is_not_utf8_or_gb18030_is_named_with_the_byte():
    data = "项目编号,名称\n".encode() + b"P-1,\x81\x20\n"
    with pytest.raises(sources.SourceError, match="无法识别文件编码.*第\\d+字节"):
        sources.read("f.csv", data, head=13)


def test_a_cell_without_its_r_is_the_one_after_the_cell_before_it(tmp_path):
    """Cells with a value are found by lxml's search, past the formatting-only ones; a cell that does not
    give its place is still numbered after the cell before it, formatted or not."""
    from import_corpus.make_corpus import raw_xlsx

    raw_xlsx("r.xlsx", ['<row r="2"><c r="B2" s="1"/><c><v>1</v></c><c s="1"/><c t="inlineStr"><is><t>二</t></is></c>'
                        '<c r="F2"><v>3</v></c><c><f>1+3</f><v>4</v></c></row>'], folder=tmp_path, styles=True)
    rows = sources.read("r.xlsx", (tmp_path / "r.xlsx").read_bytes())[0].rows
    assert rows == [[None] * 7, [None, None, 1, None, "二", 3, 4]]


def test_an_xls_keeps_its_merged_cells_and_passes_over_its_formatted_blank_ones(tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("月报")
    ws.write_merge(0, 0, 0, 2, "2025年1月统计")
    ws.write(1, 0, "月份")
    for r in range(1, 300):
        ws.write(r, 255, None, xlwt.easyxf("pattern: pattern solid, fore_colour yellow"))
    wb.save(str(tmp_path / "m.xls"))
    assert sources.read("m.xls", (tmp_path / "m.xls").read_bytes())[0].rows == [["2025年1月统计"] * 3, ["月份"]]


@pytest.mark.parametrize("name", ["s.xlsx", "s.xls"])
def test_a_workbook_of_too_many_sheets_is_refused_before_they_are_read(monkeypatch, tmp_path, name):
    monkeypatch.setattr(sources, "MAX_SHEETS", 2)
    if name.endswith("xlsx"):
        from openpyxl import Workbook

        wb = Workbook()
        for n in range(2):
            wb.create_sheet(f"表{n}")
        wb.save(tmp_path / name)
    else:
        import xlwt

        wb = xlwt.Workbook()
        for n in range(3):
            wb.add_sheet(f"s{n}").write(0, 0, 1)
        wb.save(str(tmp_path / name))
    with pytest.raises(sources.SourceError, match=f"^{name}：工作簿有 3 个工作表，超过 2 个的上限"):
        sources.read(name, (tmp_path / name).read_bytes())


def test_the_rows_where_headers_are_looked_for_hold_a_bounded_number_of_values(monkeypatch, tmp_path):
    from openpyxl import Workbook

    monkeypatch.setattr(sources, "MAX_HEAD_CELLS", 5)
    wb = Workbook()
    wb.active.append(["月份", "地区", None, "项目数"])
    wb.create_sheet("二").append(["", 1, "交易额"])  # an empty text is no value
    wb.save(tmp_path / "h.xlsx")
    data = (tmp_path / "h.xlsx").read_bytes()
    assert len(sources.read("h.xlsx", data, head=13)) == 2  # five values
    wb.active.append(["x"])
    wb.save(tmp_path / "h.xlsx")
    with pytest.raises(sources.SourceError, match="^h.xlsx：各工作表前 13 行（查找表头的范围）共有 6 个非空单元格，超过 5 个"):
        sources.read("h.xlsx", (tmp_path / "h.xlsx").read_bytes(), head=13)
    assert len(sources.read("h.xlsx", (tmp_path / "h.xlsx").read_bytes())) == 2  # read whole, not for a header
