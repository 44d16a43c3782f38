from hedong_cli.cli import main

main()
