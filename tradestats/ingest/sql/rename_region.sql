-- A region of a regions file that is stored: its name, short name, level and parent as the file gives them.
-- params: ? region_name, ? short_name, ? level, ? parent_code ('' for none), ? region_code
update dim_region set region_name = ?, short_name = ?, level = ?, parent_code = nullif(?, '')
where region_code = ?
