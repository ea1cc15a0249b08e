-- Same rule as the warehouse: nothing is ever downloaded (parquet and icu are built in).
set autoinstall_known_extensions = false;
set autoload_known_extensions = false;
