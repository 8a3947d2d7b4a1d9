namespace CarbonEdge.Firmware.Core.Json
{
    /// <summary>Proleptic Gregorian calendar arithmetic on days since 1970-01-01, without DateTime (no allocation, no time zone).</summary>
    /// <remarks>The days-from-civil algorithm of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".</remarks>
    public static class CivilDate
    {
        /// <summary>The date <paramref name="days"/> days after 1970-01-01.</summary>
        public static void FromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }
    }
}
