from hedong_cli.launch import main

main()
