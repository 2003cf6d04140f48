"""The questions the dashboard answers, free of any storage or screen: periods (当月, 当季, 累计 and their
same months a year earlier), the metric catalogue (each measure's label, unit and direction, 同比 and 占比 as
numbers), the summary of a period and region, the targets' 完成率, the year-end estimate (全年预计) and the
market's competition and players. Reads data only through the query function it is handed (store.queries.run
or a test's), so it imports nothing of the package but itself (not even store: the import contracts say so);
the store and everything above use it."""
