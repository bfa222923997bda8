from ehwatch.cli import main

raise SystemExit(main())
