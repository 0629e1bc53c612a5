from decline_tui.cli import main

raise SystemExit(main())
