"""How figures look wherever they are shown: the Plotly charts and their fonts (charts), the pages' tables
and notes (tables), the county map's boundaries (geo), the 大屏 (screen), the center's indicators
(indicators), the 预警 as listed (alert_views), 手机简报's briefing (phone), the text rules every way out
applies — names escaped and shortened (names), spreadsheet formulas neutralised (formulas) — and what is
worked out once per shared frame or figure (memo). Imports domain, alerting, notify (the delivery log's
masking), store and config; never streamlit (that is ui)."""
