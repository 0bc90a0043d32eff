package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/**
 * A width-3 (dilated) convolution over the time axis of an [N,T,C] array, computed as one matrix
 * product of the three shifted copies of the input side by side. PyTorch's own CPU convolution
 * was measured to return wrong values (even NaN) on this project's machines for batches of more
 * than one row when the input channels are not a multiple of 16; a matrix product has no such
 * path, needs no transposes, and is as fast at these sizes.
 */
final class Convolution {
  private Convolution() {}

  /** Rows of a kernel for {@code in} input channels: [3 * in, out], left tap first. */
  static long kernelRows(long in) {
    return 3 * in;
  }

  /**
   * y[n,t] = W_left·x[n,t-d] + W_centre·x[n,t] + W_right·x[n,t+d], zero outside the row.
   *
   * @param x input [N,T,C]
   * @param kernel weights [3C, O]
   * @param dilation the distance d of the side taps
   * @return [N,T,O]
   */
  static NDArray apply(NDArray x, NDArray kernel, int dilation) {
    Shape s = x.getShape();
    long t = s.get(1);
    NDArray zeros = x.getManager().zeros(new Shape(s.get(0), dilation, s.get(2)), x.getDataType());
    NDArray padded = NDArrays.concat(new NDList(zeros, x, zeros), 1); // [N,T+2d,C]
    NDArray left = padded.get(":, 0:" + t + ", :");
    NDArray right = padded.get(":, " + 2 * dilation + ":" + (t + 2L * dilation) + ", :");
    return NDArrays.concat(new NDList(left, x, right), 2).matMul(kernel);
  }
}
