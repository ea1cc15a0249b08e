-- one row per mini-program
select * from read_parquet('snapshot/mini_programs.parquet')
