namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>
    /// The electrical points of telemetry contract v1 (docs/telemetry.md, "Points") a terminal reads, with their fixed
    /// units as ASCII bytes for the JSON writer. Records store a point as its index here.
    /// </summary>
    public static class PointCatalog
    {
        private static readonly string[] Names =
        {
            "energy.active.import", "energy.active.export", "energy.reactive.import",
            "power.active", "power.active.a", "power.active.b", "power.active.c", "power.reactive",
            "voltage.a", "voltage.b", "voltage.c", "current.a", "current.b", "current.c",
            "power.factor", "frequency",
        };

        private static readonly string[] Units =
        {
            "kWh", "kWh", "kvarh",
            "kW", "kW", "kW", "kW", "kvar",
            "V", "V", "V", "A", "A", "A",
            "1", "Hz",
        };

        private static readonly byte[][] NameBytes = Encode(Names);
        private static readonly byte[][] UnitBytes = Encode(Units);

        /// <summary>Number of points.</summary>
        public static int Count => Names.Length;

        /// <summary>The index of <paramref name="name"/>, or -1.</summary>
        public static int IndexOf(string name)
        {
            for (int i = 0; i < Names.Length; i++)
                if (Names[i] == name)
                    return i;
            return -1;
        }

        /// <summary>The point's name.</summary>
        public static string Name(int index) => Names[index];

        /// <summary>The point's unit.</summary>
        public static string Unit(int index) => Units[index];

        /// <summary>The point's name as ASCII bytes.</summary>
        public static byte[] NameAscii(int index) => NameBytes[index];

        /// <summary>The point's unit as ASCII bytes.</summary>
        public static byte[] UnitAscii(int index) => UnitBytes[index];

        /// <summary>True for the cumulative energy registers (the first three), which the store keeps first.</summary>
        public static bool IsEnergy(int index) => index < 3;

        /// <summary>ASCII bytes of <paramref name="text"/> (characters above 0x7F become '?').</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
                bytes[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
            return bytes;
        }

        private static byte[][] Encode(string[] texts)
        {
            byte[][] result = new byte[texts.Length][];
            for (int i = 0; i < texts.Length; i++)
                result[i] = Ascii(texts[i]);
            return result;
        }
    }
}
