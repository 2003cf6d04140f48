"""Files in, as a pipeline: read (sources, workbook) → vocabulary → headers (read once: the mapping, each sheet's
header, the kind of file) → the rows of each kind (stats_file, project_file, region_file, indicator_file,
target_file, with the rules for text, numbers, units, dates and names: rules) → the plan against the database
(planning, handing on plans' typed plan) → its write as a new version (writing); importer hands the file from each
stage to the next, and no stage calls importer or one before it back.
Imports documents (the push and the report writer an import starts), present (the formula rule), alerting,
domain, store and config."""
