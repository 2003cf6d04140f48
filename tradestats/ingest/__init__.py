"""Files in: reading workbooks and CSVs (sources, workbook), recognising their headers (headers), the rules
for text, numbers, units, dates and names (rules), each kind of file (stats_file, project_file, region_file,
indicator_file, target_file) and the import that checks and writes them (importer). Imports documents (the push and the report writer an
import starts), present (the formula rule), alerting, domain, store and config."""
