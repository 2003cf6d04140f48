-- A region of a regions file that is new, placed after the stored ones.
-- params: ? region_code, ? region_name, ? short_name, ? level, ? parent_code ('' for none), ? sort_order
insert into dim_region (region_code, region_name, short_name, level, parent_code, sort_order)
values (?, ?, ?, ?, nullif(?, ''), ?)
