from tradestats.cli import main

raise SystemExit(main())
