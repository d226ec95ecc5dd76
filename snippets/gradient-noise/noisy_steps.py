# The course's bowl, (w + 1)², with noise added to every gradient. The
# noise comes from a small generator written out below instead of numpy's:
# the explorer has the same one, so its "Noisy steps" preset replays this.
import tensorflow as tf

MASK = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


def normals(seed, count):
    """Irwin-Hall: 12 uniforms from xoshiro128** summed, minus 6."""
    s, state = [], seed
    for _ in range(4):  # splitmix32 fills the state from the seed
        state = (state + 0x9E3779B9) & MASK
        z = ((state ^ (state >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        s.append(z ^ (z >> 16))
    out = []
    for _ in range(count):
        total = 0.0
        for _ in range(12):
            total += (rotl((s[1] * 5) & MASK, 7) * 9 & MASK) / 2**32
            t = (s[1] << 9) & MASK
            s[2] ^= s[0]
            s[3] ^= s[1]
            s[1] ^= s[2]
            s[0] ^= s[3]
            s[2] ^= t
            s[3] = rotl(s[3], 11)
        out.append(total - 6.0)
    return out


sigma, seed = 1.0, 1  # size of the gradient noise; the generator's seed
xi = tf.constant(normals(seed, 5), tf.float32)  # one draw per step
w = tf.Variable(5.0)  # float32, as the course's
sgd = tf.keras.optimizers.SGD(learning_rate=0.2)

print("step         xi    gradient           w")
for step in range(1, 6):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    grad = tape.gradient(loss, w) + sigma * xi[step - 1]  # 2(w + 1) + σξ
    sgd.apply_gradients([(grad, w)])
    x, g = float(xi[step - 1]), float(grad)
    print(f"{step:4d}  {x:9.6f}  {g:10.6f}  {float(w):10.6f}")
