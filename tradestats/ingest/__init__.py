"""Files in: reading workbooks and CSVs (sources, workbook), recognising their headers (headers), the rules
for text, numbers, units, dates and names (rules), each kind of file (stats_file, project_file, region_file,
indicator_file, target_file) and the import that checks and writes them (importer)."""
