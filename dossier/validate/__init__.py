"""Turn raw rows into typed records and a report that accounts for every row."""
