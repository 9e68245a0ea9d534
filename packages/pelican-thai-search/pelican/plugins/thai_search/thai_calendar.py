"""The Buddhist era and Thai month names: result lists show dates as the
site's article pages do (the manifest's "calendar" setting).

The Buddhist era (พ.ศ.) is the Gregorian year plus 543, for every day of
the year (Thailand moved its new year to 1 January in 1941).
"""

BE_OFFSET = 543

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
