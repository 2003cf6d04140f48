"""预警: the rules that raise an alert from a period's figures (alert_rules) and the ledger that keeps
them in the database, open, acknowledged or closed, with who did what (alerts). Imports domain and store;
the pages' and the phone's views of alerts are in present, their push to group chats in documents.push."""
