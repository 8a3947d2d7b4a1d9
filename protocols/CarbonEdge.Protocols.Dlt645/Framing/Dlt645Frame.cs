namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>
/// A decoded DL/T 645 frame: address, control code and the data field as it is on the wire (each byte plus 33H).
/// The spans are slices of the decoder's input; <see cref="CopyData"/> removes the 33H offset.
/// </summary>
/// <remarks>DL/T 645-2007 §7.1 (frame format).</remarks>
public readonly ref struct Dlt645Frame
{
    /// <summary>Creates a frame view over decoded fields.</summary>
    public Dlt645Frame(Dlt645Address address, Dlt645ControlCode control, ReadOnlySpan<byte> wireData)
    {
        Address = address;
        Control = control;
        WireData = wireData;
    }

    /// <summary>The meter address (of the addressee in a request, of the meter in a reply).</summary>
    public Dlt645Address Address { get; }

    /// <summary>The control code C.</summary>
    public Dlt645ControlCode Control { get; }

    /// <summary>The data field with the 33H offset still applied (L bytes).</summary>
    public ReadOnlySpan<byte> WireData { get; }

    /// <summary>Data field length L.</summary>
    public int DataLength => WireData.Length;

    /// <summary>Copies the data field into <paramref name="destination"/> with the 33H offset removed; returns L.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than L.</exception>
    public int CopyData(Span<byte> destination)
    {
        Dlt645Framing.RemoveOffset(WireData, destination);
        return WireData.Length;
    }
}
