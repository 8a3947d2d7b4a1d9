using System.Text;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Read Device ID code of a 43/14 request: which objects to stream, or one object.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.21.</remarks>
public enum ReadDeviceIdCode : byte
{
    /// <summary>01: stream the basic objects (0x00-0x02).</summary>
    Basic = 0x01,
    /// <summary>02: stream the regular objects (0x00-0x06 or higher standard ids).</summary>
    Regular = 0x02,
    /// <summary>03: stream the extended objects (0x80-0xFF as well).</summary>
    Extended = 0x03,
    /// <summary>04: one specific object.</summary>
    Specific = 0x04,
}

/// <summary>One object of a Read Device Identification response: id and value (ASCII for the standard objects).</summary>
/// <param name="Id">Object id, e.g. 0x00 VendorName.</param>
/// <param name="Value">Object value, each byte one Latin-1 character.</param>
public readonly record struct DeviceIdentificationObject(byte Id, string Value);

/// <summary>A decoded 43/14 response (one transaction; <see cref="MoreFollows"/> asks for another).</summary>
/// <param name="Code">The Read Device ID code answered.</param>
/// <param name="ConformityLevel">0x01-0x03, with 0x80 set when individual access is supported.</param>
/// <param name="MoreFollows">True when further objects need another request starting at <paramref name="NextObjectId"/>.</param>
/// <param name="NextObjectId">First object id of the next request when <paramref name="MoreFollows"/>.</param>
/// <param name="Objects">The objects in this response.</param>
public sealed record DeviceIdentificationResponse(
    ReadDeviceIdCode Code, byte ConformityLevel, bool MoreFollows, byte NextObjectId, IReadOnlyList<DeviceIdentificationObject> Objects);

/// <summary>
/// 43/14 (0x2B / MEI 0x0E) Read Device Identification. Request: function, MEI type, Read Device ID code, object id
/// (4 bytes); response: function, MEI type, code, conformity level, more follows (0x00/0xFF), next object id,
/// number of objects, then per object id, length, value.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.21.</remarks>
public static class ReadDeviceIdentificationPdu
{
    /// <summary>MEI type of Read Device Identification.</summary>
    public const byte MeiType = 0x0E;

    /// <summary>Request PDU length.</summary>
    public const int RequestLength = 4;

    private const int ResponseHeaderLength = 7;

    /// <summary>Writes the request; returns 4.</summary>
    public static int EncodeRequest(Span<byte> destination, ReadDeviceIdCode code, byte objectId)
    {
        destination[0] = (byte)ModbusFunctionCode.EncapsulatedInterfaceTransport;
        destination[1] = MeiType;
        destination[2] = (byte)code;
        destination[3] = objectId;
        return RequestLength;
    }

    /// <summary>Decodes a request; the code is not range-checked here (the server answers 03 for bad codes).</summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ReadDeviceIdCode code, out byte objectId, out FrameError error)
    {
        code = 0;
        objectId = 0;
        var status = ModbusPdu.CheckLength(pdu.Length, RequestLength, out error);
        if (status != DecodeStatus.Complete) return status;
        if (pdu[1] != MeiType)
        {
            error = FrameError.UnknownFunction;
            return DecodeStatus.Invalid;
        }
        code = (ReadDeviceIdCode)pdu[2];
        objectId = pdu[3];
        return DecodeStatus.Complete;
    }

    /// <summary>
    /// Writes a response with the objects from <paramref name="first"/> on that fit in one PDU; when not all fit,
    /// sets "more follows" and the next object id. Returns the PDU length; <paramref name="objectsWritten"/> says how many went in.
    /// </summary>
    public static int EncodeResponse(Span<byte> destination, ReadDeviceIdCode code, byte conformityLevel,
        IReadOnlyList<DeviceIdentificationObject> objects, int first, out int objectsWritten)
    {
        int limit = Math.Min(destination.Length, ModbusPdu.MaxLength);
        int offset = ResponseHeaderLength;
        int count = 0;
        for (int i = first; i < objects.Count; i++)
        {
            string value = objects[i].Value;
            if (offset + 2 + value.Length > limit) break;
            destination[offset] = objects[i].Id;
            destination[offset + 1] = (byte)value.Length;
            Encoding.Latin1.GetBytes(value, destination.Slice(offset + 2, value.Length));
            offset += 2 + value.Length;
            count++;
        }
        bool more = first + count < objects.Count;
        destination[0] = (byte)ModbusFunctionCode.EncapsulatedInterfaceTransport;
        destination[1] = MeiType;
        destination[2] = (byte)code;
        destination[3] = conformityLevel;
        destination[4] = more ? (byte)0xFF : (byte)0x00;
        destination[5] = more ? objects[first + count].Id : (byte)0x00;
        destination[6] = (byte)count;
        objectsWritten = count;
        return offset;
    }

    /// <summary>Decodes a response.</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, out DeviceIdentificationResponse? response, out FrameError error)
    {
        response = null;
        var status = TryGetResponseLength(pdu, out int length, out error);
        if (status != DecodeStatus.Complete) return status;
        status = ModbusPdu.CheckLength(pdu.Length, length, out error);
        if (status != DecodeStatus.Complete) return status;
        if (pdu[4] is not (0x00 or 0xFF))
        {
            error = FrameError.BadValue;
            return DecodeStatus.Invalid;
        }
        var objects = new DeviceIdentificationObject[pdu[6]];
        int offset = ResponseHeaderLength;
        for (int i = 0; i < objects.Length; i++)
        {
            int valueLength = pdu[offset + 1];
            objects[i] = new DeviceIdentificationObject(pdu[offset], Encoding.Latin1.GetString(pdu.Slice(offset + 2, valueLength)));
            offset += 2 + valueLength;
        }
        response = new DeviceIdentificationResponse((ReadDeviceIdCode)pdu[2], pdu[3], pdu[4] == 0xFF, pdu[5], objects);
        return DecodeStatus.Complete;
    }

    /// <summary>Length of a response PDU from its prefix, walking the object list.</summary>
    internal static DecodeStatus TryGetResponseLength(ReadOnlySpan<byte> prefix, out int length, out FrameError error)
    {
        length = 0;
        error = FrameError.None;
        if (prefix.Length < ResponseHeaderLength) return DecodeStatus.NeedMoreData;
        int offset = ResponseHeaderLength;
        for (int i = 0; i < prefix[6]; i++)
        {
            if (prefix.Length < offset + 2) return DecodeStatus.NeedMoreData;
            offset += 2 + prefix[offset + 1];
            if (offset > ModbusPdu.MaxLength)
            {
                error = FrameError.BadLength;
                return DecodeStatus.Invalid;
            }
        }
        length = offset;
        return DecodeStatus.Complete;
    }
}
