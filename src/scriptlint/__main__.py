from scriptlint.cli import main

main()
