"""What goes out: the news paragraph (narrative), the press kit, chart files (render), the 统计月报 and the
汇报PPT (brief, report, deck), the card for group chats (card), the month's documents written after an import
(auto, month_files), the push of 预警 and the card to group chats after an import (push), import templates and
spreadsheet exports. Imports present, alerting, notify, domain, store and config."""
