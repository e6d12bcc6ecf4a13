package io.maskflow.dev;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Photos as a phone stores them for the services' tests: the pixels turned and an EXIF {@code Orientation} tag that
 * says how to turn them upright.
 */
public final class TurnedPhotos {

    private TurnedPhotos() {
    }

    /**
     * The picture (any type) as a camera stores it for EXIF orientation 1 – 8, as {@code TYPE_3BYTE_BGR}: 2
     * mirrored, 3 turned 180°, 4 mirrored top to bottom, 5 transposed, 6 to be turned 90° clockwise (so stored
     * turned anticlockwise), 7 transversed, 8 to be turned anticlockwise.
     */
    public static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        AffineTransform t = switch (orientation) {
            case 1 -> new AffineTransform();
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, -1, 1, 0, 0, w);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, 1, -1, 0, h, 0);
            default -> throw new IllegalArgumentException("orientation " + orientation);
        };
        // the same type on both sides: AffineTransformOp between int RGB and byte BGR does not give the pixels back
        BufferedImage source = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = source.createGraphics();
        g.drawImage(upright, 0, 0, null);
        g.dispose();
        boolean swap = orientation >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(source, out);
        return out;
    }

    /** {@code jpeg} with an EXIF block of two tags, the orientation second, in the given byte order. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        byte[] body = exif(orientation, order);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1});
        int length = 2 + 6 + body.length;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code png} with an {@code eXIf} chunk of the same two tags right after its header chunk. */
    public static byte[] pngWithExifOrientation(byte[] png, int orientation, ByteOrder order) {
        int afterHeader = 8 + 4 + 4 + 13 + 4; // the signature, then IHDR: length, type, 13 bytes, CRC
        byte[] body = exif(orientation, order);
        ByteBuffer chunk = ByteBuffer.allocate(4 + 4 + body.length + 4);
        chunk.putInt(body.length).put(new byte[] {'e', 'X', 'I', 'f'}).put(body);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + body.length);
        chunk.putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk.array());
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** A TIFF structure with one IFD: a {@code Make} tag, then the orientation. */
    private static byte[] exif(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 0x010f).putShort((short) 2).putInt(4).put(new byte[] {'A', 'c', 'm', 0}); // Make
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return tiff.array();
    }
}
