namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// The identification objects of a device (what 43/14 Read Device Identification returns), keyed by object id.
/// </summary>
/// <remarks>
/// Modbus Application Protocol V1.1b3 §6.21: basic objects 0x00 VendorName, 0x01 ProductCode, 0x02 MajorMinorRevision
/// (mandatory); regular 0x03 VendorUrl, 0x04 ProductName, 0x05 ModelName, 0x06 UserApplicationName; extended 0x80-0xFF.
/// </remarks>
public sealed class ModbusDeviceIdentification
{
    /// <summary>Creates the identification from its objects; ids must be distinct, values at most 245 Latin-1 characters.</summary>
    /// <exception cref="ArgumentException">Duplicate id or a value too long for one PDU.</exception>
    public ModbusDeviceIdentification(IEnumerable<KeyValuePair<byte, string>> objects)
    {
        var sorted = new SortedDictionary<byte, string>();
        foreach (var (id, value) in objects)
        {
            if (value.Length > ModbusPdu.MaxLength - 9) throw new ArgumentException($"object 0x{id:X2} is longer than one PDU holds", nameof(objects));
            if (!sorted.TryAdd(id, value)) throw new ArgumentException($"object 0x{id:X2} given twice", nameof(objects));
        }
        Objects = sorted;
    }

    /// <summary>Object id to value, in id order.</summary>
    public IReadOnlyDictionary<byte, string> Objects { get; }

    /// <summary>0x00 VendorName, or null.</summary>
    public string? VendorName => Objects.GetValueOrDefault((byte)0x00);

    /// <summary>0x01 ProductCode, or null.</summary>
    public string? ProductCode => Objects.GetValueOrDefault((byte)0x01);

    /// <summary>0x02 MajorMinorRevision, or null.</summary>
    public string? MajorMinorRevision => Objects.GetValueOrDefault((byte)0x02);

    /// <summary>0x04 ProductName, or null.</summary>
    public string? ProductName => Objects.GetValueOrDefault((byte)0x04);

    /// <summary>0x05 ModelName, or null.</summary>
    public string? ModelName => Objects.GetValueOrDefault((byte)0x05);

    /// <summary>
    /// Conformity level a server reports: the highest category it has objects of (1 basic, 2 regular, 3 extended),
    /// with 0x80 set because individual access (code 04) is supported.
    /// </summary>
    public byte ConformityLevel => (byte)(0x80 | (Objects.Keys.Any(id => id >= 0x80) ? 3 : Objects.Keys.Any(id => id >= 0x03) ? 2 : 1));

    /// <summary>The objects a stream request of <paramref name="code"/> covers, from <paramref name="firstId"/> on.</summary>
    public IReadOnlyList<DeviceIdentificationObject> Stream(ReadDeviceIdCode code, byte firstId)
    {
        byte last = code switch { ReadDeviceIdCode.Basic => 0x02, ReadDeviceIdCode.Regular => 0x7F, _ => 0xFF };
        return Objects.Where(o => o.Key >= firstId && o.Key <= last).Select(o => new DeviceIdentificationObject(o.Key, o.Value)).ToArray();
    }
}
