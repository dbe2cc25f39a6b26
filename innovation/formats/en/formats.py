"""English dates written the way the pages write them (« 9 July 2018 », 24-hour clock), not Django's American
default (« July 9, 2018, 4:30 p.m. »): an English-speaking participant of a French programme reads one style."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
