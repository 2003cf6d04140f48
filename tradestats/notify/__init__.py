"""Messages to group chats (钉钉, 企业微信, 飞书 and plain JSON): webhooks read from settings.toml, signed,
sent with retries, their URLs and secrets masked wherever they are shown, and every try logged beside the
database (webhooks). Imports store (the log) and config; what is sent is decided above (documents.push,
documents.auto)."""
