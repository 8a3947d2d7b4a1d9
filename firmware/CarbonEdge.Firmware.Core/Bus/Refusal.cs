namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>The one way the masters' decoders refuse a frame: the frame's bytes consumed, the reason set.</summary>
    internal static class Refusal
    {
        /// <summary>Returns <see cref="DecodeStatus.Invalid"/> with the bytes consumed and the error.</summary>
        public static DecodeStatus Of(FrameError reason, int length, out int consumed, out FrameError error)
        {
            consumed = length;
            error = reason;
            return DecodeStatus.Invalid;
        }
    }
}
