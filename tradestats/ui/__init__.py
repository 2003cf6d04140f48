"""The Streamlit layer: the only part of the package that imports streamlit (the import contracts in
pyproject.toml), with what the pages share (web), the server's start (serve), the chart element, the app's
own routes, the phone's width (viewport) and 手机简报's first screen (phone_view). Imports every package
below it; the pages and app.py sit on it."""
