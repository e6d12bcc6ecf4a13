package io.maskflow.datagen.render;

/**
 * What the camera does to one photo after the scene is drawn.
 *
 * @param blur box-blur radius in pixels (0 sharp, 1 or 2 soft focus or shake)
 * @param noise standard deviation of the sensor noise, in levels of 255
 * @param red colour cast: factor on the red channel
 * @param green factor on the green channel
 * @param blue factor on the blue channel
 * @param vignette how much darker the corners are than the centre (0 .. 0.5)
 * @param jpegQuality quality the photo is written at
 * @param sharpen strength of an unsharp mask (0 none .. 1 strong), used by the {@code studio} style
 * @param fringe chromatic aberration: pixels the red and blue channels are shifted apart (studio style)
 * @param tone strength of the soft shoulder of the tone curve (0 none; studio style)
 * @param motion length in pixels of a motion blur (0 none; sculpted style)
 * @param motionAngle direction of the motion blur in degrees (sculpted style)
 * @param scan how a drawing is photographed or scanned off the page (null but in the {@code inked} style)
 * @param painting how a painting is photographed (null but in the {@code painted} style)
 */
public record Camera(int blur, double noise, double red, double green, double blue, double vignette,
        float jpegQuality, double sharpen, int fringe, double tone, int motion, double motionAngle, Scan scan,
        Painting painting) {

    /**
     * A painting under the camera of the {@code painted} style.
     *
     * @param keystone how much wider the bottom of the picture is than its top (a camera a little above or below
     *     the painting's middle; negative narrower), as a share of the width
     * @param glareX where a glare on the varnish is, as a share of the width
     * @param glareY as a share of the height
     * @param glareRadius its radius as a share of the width
     * @param glare its strength (0 none .. 0.6)
     * @param weave strength of the canvas weave, in levels
     * @param wall colour of what is around the painting, where it does not reach the photo's edge
     */
    public record Painting(double keystone, double glareX, double glareY, double glareRadius, double glare,
            double weave, int wall) {
    }

    /** A camera without a painting. */
    public Camera(int blur, double noise, double red, double green, double blue, double vignette, float jpegQuality,
            double sharpen, int fringe, double tone, int motion, double motionAngle, Scan scan) {
        this(blur, noise, red, green, blue, vignette, jpegQuality, sharpen, fringe, tone, motion, motionAngle, scan,
                null);
    }

    /**
     * The page under the camera of the {@code inked} style.
     *
     * @param rotation degrees the page is turned in the photo
     * @param skew horizontal shear (a page seen a little from the side)
     * @param zoom how much closer than the full page the photo is (1 the whole page, more crops it)
     * @param dx horizontal shift of the page as a share of the width
     * @param dy vertical shift as a share of the height
     * @param shadeAngle direction in which the exposure falls off, in degrees
     * @param shade how much darker the far side of the page is (0 even .. 0.4)
     * @param table colour of what lies under the page, where the page does not reach the photo's edge
     */
    public record Scan(double rotation, double skew, double zoom, double dx, double dy, double shadeAngle,
            double shade, int table) {
    }

    /** A camera without a scan. */
    public Camera(int blur, double noise, double red, double green, double blue, double vignette, float jpegQuality,
            double sharpen, int fringe, double tone, int motion, double motionAngle) {
        this(blur, noise, red, green, blue, vignette, jpegQuality, sharpen, fringe, tone, motion, motionAngle, null);
    }

    /** The classic style's camera: none of the effects, written at the generator's usual quality. */
    public static final Camera CLASSIC = new Camera(0, 0, 1, 1, 1, 0, 0.92f);

    /** A camera without sharpening, colour fringes or tone curve. */
    public Camera(int blur, double noise, double red, double green, double blue, double vignette, float jpegQuality) {
        this(blur, noise, red, green, blue, vignette, jpegQuality, 0, 0, 0);
    }

    /** A camera without motion blur. */
    public Camera(int blur, double noise, double red, double green, double blue, double vignette, float jpegQuality,
            double sharpen, int fringe, double tone) {
        this(blur, noise, red, green, blue, vignette, jpegQuality, sharpen, fringe, tone, 0, 0);
    }
}
