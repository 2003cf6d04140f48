"""What goes out: the news paragraph (narrative), the press kit, chart files (render), import templates and
spreadsheet exports."""
