. "$LIB"
ok 0 "placeholder"
done_testing
