package org.journeyplatform.api.erasure;

/** Start-up refused: the master keys as configured cannot protect real participants' data. */
public class MasterKeyRefusedException extends RuntimeException {

    public MasterKeyRefusedException(String message) {
        super(message);
    }
}
