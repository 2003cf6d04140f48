"""tradestats: statistics dashboard of a public resource trading center (公共资源交易中心)."""

__version__ = "0.1.0"
