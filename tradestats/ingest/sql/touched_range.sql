-- grain: one row: the first day of the first month of touched_cells, and the first day after its last
select min(make_date(year, month, 1)), max(make_date(year, month, 1)) + interval 1 month
from touched_cells
