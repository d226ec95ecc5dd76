# The course's TF1 script, kept line for line, running on TF2 via tf.compat.v1.
import tensorflow as tf

tf1 = tf.compat.v1

LEARNING_RATE_BASE = 0.1  # initial learning rate
LEARNING_RATE_DECAY = 0.99  # decay rate
LEARNING_RATE_STEP = 1  # steps per decay (course: samples / BATCH_SIZE)

with tf.Graph().as_default():  # (1)!
    global_step = tf.Variable(0, trainable=False)  # (2)!
    learning_rate = tf1.train.exponential_decay(
        LEARNING_RATE_BASE,
        global_step,
        LEARNING_RATE_STEP,
        LEARNING_RATE_DECAY,
        staircase=True,
    )
    w = tf.Variable(tf.constant(5, dtype=tf.float32))
    loss = tf.square(w + 1)
    train_step = tf1.train.GradientDescentOptimizer(learning_rate).minimize(
        loss, global_step=global_step
    )  # (3)!
    with tf1.Session() as sess:  # (4)!
        sess.run(tf1.global_variables_initializer())
        for i in range(40):
            sess.run(train_step)
            learning_rate_val = sess.run(learning_rate)
            global_step_val = sess.run(global_step)
            w_val = sess.run(w)
            loss_val = sess.run(loss)
            print(  # (5)!
                "After %s steps: global_step is %f, w is %f, "
                "learning rate is %f, loss is %f"
                % (i, global_step_val, w_val, learning_rate_val, loss_val)
            )
