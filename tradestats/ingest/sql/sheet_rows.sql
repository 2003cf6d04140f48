-- grain: one row per data row of a sheet (sheet_ followed by its number: its row_no and c0, c1 … as text), with its
--        columns named by field, its sheet's money units (sheet_units) and whether every cell is blank.
-- placeholders: sheet_no: the sheet's number; texts: the fields' texts ('' for a column the sheet lacks);
--               units: sheet_units' columns of project_file.MONEY; blank: a CASE, true when every cell is blank
select u.sheet_no, r.row_no, {texts}, {units}, {blank} as blank
from sheet_{sheet_no} r join sheet_units u on u.sheet_no = {sheet_no}
