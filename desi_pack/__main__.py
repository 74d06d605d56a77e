from desi_pack.cli import main

main()
