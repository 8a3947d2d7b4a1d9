namespace CarbonEdge.Protocols.Hj212.Tests;

/// <summary>Packets as they travel, CR LF included. Each names where it comes from.</summary>
internal static class Fixtures
{
    /// <summary>
    /// HJ 212-2017's own example (§6.3.1 / Appendix A: the CRC of this data segment is 1C80). The standard's text:
    /// repository 1249993110/IceCoffee.HJ212, path "docs/HJ 212-2017 污染物在线监控（监测）系统数据传输标准 .pdf",
    /// commit e155cda97ae69e77f169dbb20536dea2622da0ce.
    /// </summary>
    public const string StandardExample =
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    /// <summary>An hour-data (2061) packet: 1249993110/IceCoffee.HJ212, README.md, commit 94340b292bf3e38d0ebd4f8aa5ab6330285d1e00.</summary>
    public const string IceCoffeeHour =
        "##0285QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=5;CP=&&DataTime=20190924220000;a34006-Avg=2.69700,a34006-Flag=N;a34007-Avg=7.96600,a34007-Flag=N;a34048-Avg=3.30600,a34048-Flag=N;a34047-Avg=7.35700,a34047-Flag=N;a34049-Avg=10.66300,a34049-Flag=N&&C181\r\n";

    /// <summary>
    /// A real-time (2011) packet of an HJ/T 212-2005 unit (no QN, no Flag, DataTime with milliseconds):
    /// xiaoyao9184/hj-t212-parser, hj-t212-parser/src/test/java/com/xy/format/hbt212/core/T212MapperTest.java,
    /// commit 283c3c3607c9c8e10bf6a886370ce4e4e6eae41a.
    /// </summary>
    public const string XiaoyaoRealTime =
        "##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980\r\n";

    /// <summary>
    /// Field captures (flue gas minute data; water data with a D flag): xiaoyao9184/hj-t212-parser,
    /// "hj-t212-parser/src/test/resources/AllData/2016-08-24 05.h212", commit 409d9a85ee017655070d2ae05c1af4d7535d491d.
    /// </summary>
    public const string XiaoyaoFlueGasMinute =
        "##0593ST=31;CN=2051;PW=123456;MN=LD130131000211;CP=&&DataTime=20000202050000000;B02-Cou=198231.17,B02-Min=314.81,B02-Avg=330.38,B02-Max=344.08;S01-Min=4.75,S01-Avg=5.06,S01-Max=5.38;S02-Min=7.77,S02-Avg=8.15,S02-Max=8.49;S03-Min=135.24,S03-Avg=136.05,S03-Max=137.68;S05-Min=40.00,S05-Avg=40.00,S05-Max=40.00;S07-Min=40.50,S07-Avg=40.50,S07-Max=40.50;S08-Min=1046.48,S08-Avg=1058.44,S08-Max=1081.96;01-Cou=1.15,01-Min=5.46,01-Avg=5.82,01-Max=6.35;02-Cou=347.94,02-Min=1710.83,02-Avg=1755.24,02-Max=1799.22;01-ZsMin=5.19,01-ZsAvg=5.47,01-ZsMax=6.09;02-ZsMin=1588.25,02-ZsAvg=1652.41,02-ZsMax=1707.02&&7A80\r\n";

    /// <inheritdoc cref="XiaoyaoFlueGasMinute"/>
    public const string XiaoyaoFaultFlag =
        "##0170ST=32;CN=2011;PW=123456;MN=LD130182000307;CP=&&DataTime=20160824045200;B01-Rtd=0.00,B01-Flag=D;011-Rtd=87.20,011-Flag=N;060-Rtd=20.37,060-Flag=N;023-Rtd=0.00,023-Flag=D&&C841\r\n";

    /// <summary>Every public packet above that must decode.</summary>
    public static readonly string[] Valid = [StandardExample, IceCoffeeHour, XiaoyaoRealTime, XiaoyaoFlueGasMinute, XiaoyaoFaultFlag];

    public static byte[] Bytes(string packet) => System.Text.Encoding.UTF8.GetBytes(packet);
}
