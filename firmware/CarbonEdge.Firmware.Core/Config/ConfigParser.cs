using System.Collections;
using CarbonEdge.Firmware.Core.Dlt645;
using CarbonEdge.Firmware.Core.Modbus;
using CarbonEdge.Firmware.Core.Text;

namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>
    /// Parses the terminal's configuration text: one <c>key value...</c> per line, <c>#</c> comments, a
    /// <c>meter</c> line followed by its <c>point</c> lines (format in firmware/README.md). Runs once at boot.
    /// </summary>
    public static class ConfigParser
    {
        private const int MaxTokens = 8;

        /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the line and what to fix.</summary>
        public static bool TryParse(string text, out TerminalConfig config, out string error)
        {
            config = new TerminalConfig();
            error = "";
            var meters = new ArrayList();
            var points = new ArrayList();
            MeterConfig? meter = null;
            string[] tokens = new string[MaxTokens];
            string[] lines = text.Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                int count = Tokenize(lines[n], tokens);
                if (count == 0)
                    continue;
                string problem = count == 1 ? "a value is missing" : "";
                if (problem.Length == 0 && tokens[0] == "meter")
                {
                    Close(meter, points);
                    meter = new MeterConfig();
                    meters.Add(meter);
                    problem = ParseMeter(tokens, count, meter);
                }
                else if (problem.Length == 0 && tokens[0] == "point")
                {
                    var point = new PointConfig();
                    problem = meter == null ? "a point line must follow its meter line" : ParsePoint(tokens, count, meter.Protocol, point);
                    points.Add(point);
                }
                else if (problem.Length == 0)
                    problem = ParseSetting(tokens[0], tokens[1], config);
                if (problem.Length != 0)
                {
                    error = "line " + (n + 1) + ": " + problem;
                    return false;
                }
            }
            Close(meter, points);
            config.Meters = new MeterConfig[meters.Count];
            meters.CopyTo(config.Meters);
            error = Check(config);
            return error.Length == 0;
        }

        private static void Close(MeterConfig? meter, ArrayList points)
        {
            if (meter == null)
                return;
            meter.Points = new PointConfig[points.Count];
            points.CopyTo(meter.Points);
            points.Clear();
        }

        private static string Check(TerminalConfig config)
        {
            if (!IsId(config.Site) || !IsId(config.Terminal))
                return "site and terminal must be set to ids of [a-z0-9-]{1,64}";
            if (config.IntervalSeconds <= 0 || 86400 % config.IntervalSeconds != 0)
                return "interval must divide a day (e.g. 60, 300, 900)";
            if (config.Meters.Length == 0 || config.Meters.Length > 250)
                return "add 1 to 250 meter lines";
            for (int i = 0; i < config.Meters.Length; i++)
                if (config.Meters[i].Points.Length == 0)
                    return "meter " + config.Meters[i].Id + " has no point lines";
            if (config.BatchReadings < 1 || config.BatchReadings > 500)
                return "batch must be 1..500 readings";
            return "";
        }

        private static string ParseMeter(string[] t, int count, MeterConfig meter)
        {
            if (count != 4)
                return "expected: meter ID modbus UNIT-ID | meter ID dlt645 ADDRESS(12 digits)";
            if (!IsId(t[1]))
                return "meter id '" + t[1] + "' is not [a-z0-9-]{1,64}";
            meter.Id = t[1];
            meter.IdAscii = PointCatalog.Ascii(t[1]);
            if (t[2] == "modbus")
            {
                meter.Protocol = MeterProtocol.ModbusRtu;
                if (!AsciiNumbers.TryParseInt(t[3], out int unit) || unit < 1 || unit > 247)
                    return "Modbus unit id must be 1..247";
                meter.UnitId = (byte)unit;
                return "";
            }
            if (t[2] == "dlt645")
            {
                meter.Protocol = MeterProtocol.Dlt645;
                return Dlt645Bcd.TryParseAddress(t[3], meter.Address) ? "" : "DL/T 645 address must be 12 digits";
            }
            return "protocol must be modbus or dlt645";
        }

        private static string ParsePoint(string[] t, int count, MeterProtocol protocol, PointConfig point)
        {
            point.Point = PointCatalog.IndexOf(t[1]);
            if (point.Point < 0)
                return "'" + t[1] + "' is not an electrical point of the telemetry contract";
            if (protocol == MeterProtocol.Dlt645)
            {
                if (count < 5 || !AsciiNumbers.TryParseHex(t[2], out uint di) || !AsciiNumbers.TryParseInt(t[3], out int length) ||
                    !AsciiNumbers.TryParseInt(t[4], out int decimals) || length < 1 || length > 8 || decimals < 0 || decimals > 8)
                    return "expected: point NAME DI(hex) BYTES DECIMALS [signed]";
                point.DataIdentifier = di;
                point.BcdLength = length;
                point.Decimals = decimals;
                point.Signed = count > 5 && t[5] == "signed";
                return "";
            }
            if (count < 5 || (t[2] != "holding" && t[2] != "input") || !AsciiNumbers.TryParseInt(t[3], out int register) ||
                register < 0 || register > 65535)
                return "expected: point NAME holding|input REGISTER TYPE [swap] [scale FACTOR]";
            point.Function = t[2] == "holding" ? ModbusRtuMaster.ReadHoldingRegisters : ModbusRtuMaster.ReadInputRegisters;
            point.Register = register;
            string type = t[4];
            if (type == "uint16") point.Type = RegisterType.UInt16;
            else if (type == "int16") point.Type = RegisterType.Int16;
            else if (type == "uint32") point.Type = RegisterType.UInt32;
            else if (type == "int32") point.Type = RegisterType.Int32;
            else if (type == "float32") point.Type = RegisterType.Float32;
            else return "type must be uint16, int16, uint32, int32 or float32";
            for (int i = 5; i < count; i++)
            {
                if (t[i] == "swap")
                    point.WordSwap = true;
                else if (t[i] == "scale" && i + 1 < count && AsciiNumbers.TryParseDecimal(t[i + 1], out double scale))
                    point.Scale = scale;
                else
                    return "unknown option '" + t[i] + "' (swap, scale FACTOR)";
                if (t[i] == "scale")
                    i++;
            }
            return "";
        }

        private static string ParseSetting(string key, string value, TerminalConfig c)
        {
            if (key == "site") c.Site = value;
            else if (key == "terminal") c.Terminal = value;
            else if (key == "serial.port") c.SerialPort = value;
            else if (key == "serial.parity") c.Parity = value;
            else if (key == "mqtt.host") c.MqttHost = value;
            else if (key == "sntp.host") c.SntpHost = value;
            else if (key == "storage.path") c.StoragePath = value;
            else return ParseNumber(key, value, c);
            return "";
        }

        private static string ParseNumber(string key, string value, TerminalConfig c)
        {
            bool ok = AsciiNumbers.TryParseInt(value, out int n);
            if (key == "interval") c.IntervalSeconds = n;
            else if (key == "timeout") c.TimeoutMilliseconds = n;
            else if (key == "batch") c.BatchReadings = n;
            else if (key == "serial.baud") c.BaudRate = n;
            else if (key == "mqtt.port") c.MqttPort = n;
            else if (key == "sntp.interval") c.SntpIntervalSeconds = n;
            else if (key == "storage.pages") c.StoragePages = n;
            else if (key == "storage.page-size") c.StoragePageSize = n;
            else if (key == "storage.energy-days") c.EnergyDays = n;
            else if (key == "gpio.de") c.DePin = n;
            else if (key == "gpio.led") c.LedPin = n;
            else if (key == "gpio.button") c.ButtonPin = n;
            else if (key == "rtc.i2c-bus") c.RtcBus = n;
            else return "unknown setting '" + key + "' (see firmware/README.md, Configuration)";
            return ok ? "" : "'" + key + "' needs a whole number, not '" + value + "'";
        }

        private static int Tokenize(string line, string[] tokens)
        {
            int count = 0, start = -1;
            for (int i = 0; i <= line.Length; i++)
            {
                char c = i < line.Length ? line[i] : ' ';
                if (c == '#')
                    c = ' ';
                bool blank = c == ' ' || c == '\t' || c == '\r';
                if (!blank && start < 0)
                    start = i;
                else if (blank && start >= 0)
                {
                    if (count < tokens.Length)
                        tokens[count++] = line.Substring(start, i - start);
                    start = -1;
                }
                if (i < line.Length && line[i] == '#')
                    break;
            }
            return count;
        }

        /// <summary>True for ids of the telemetry contract: <c>[a-z0-9-]{1,64}</c>.</summary>
        public static bool IsId(string id)
        {
            if (id.Length == 0 || id.Length > 64)
                return false;
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-')
                    return false;
            }
            return true;
        }
    }
}
