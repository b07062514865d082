from portfoliogen.cli import main

main()
